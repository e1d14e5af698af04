import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../api/types.js';
import { countRelated, countText } from './related-count.js';
import { relatedSources, sharedEntities, sourceListLink } from './related-sources.js';

const entity = (name: string, fields: EntityDocument['fields']): EntityDocument => ({ kind: 'entity', name, label: { en: name, 'zh-CN': name }, fields });

const entities: Record<string, EntityDocument> = {
  customer: entity('customer', { name: { type: 'text' }, parent: { type: 'reference', entity: 'customer' } }),
  contact: entity('contact', { customer: { type: 'reference', entity: 'customer' }, name: { type: 'text' } }),
  order: entity('order', { customer: { type: 'reference', entity: 'customer' }, payer: { type: 'reference', entity: 'customer' }, contact: { type: 'reference', entity: 'contact' } }),
  note: entity('note', { owner: { type: 'user' }, text: { type: 'text' } }),
};

describe('related sources', () => {
  it('finds every reference field pointing at the entity, in metadata order, itself included', () => {
    expect(relatedSources(entities, 'customer')).toEqual([
      { key: 'customer.parent', entity: 'customer', field: 'parent' },
      { key: 'contact.customer', entity: 'contact', field: 'customer' },
      { key: 'order.customer', entity: 'order', field: 'customer' },
      { key: 'order.payer', entity: 'order', field: 'payer' },
    ]);
    expect(relatedSources(entities, 'contact')).toEqual([{ key: 'order.contact', entity: 'order', field: 'contact' }]);
    expect(relatedSources(entities, 'note')).toEqual([]);
  });

  it('skips entities the user may not read and fields hidden from them (absent from /api/meta)', () => {
    const { contact: _hidden, ...visible } = entities;
    void _hidden;
    const withoutPayer = { ...visible, order: entity('order', { customer: { type: 'reference', entity: 'customer' } }) };
    expect(relatedSources(withoutPayer, 'customer').map((s) => s.key)).toEqual(['customer.parent', 'order.customer']);
  });

  it('tells which entities point at the record through several fields', () => {
    expect([...sharedEntities(relatedSources(entities, 'customer'))]).toEqual(['order']);
  });

  it('links to the list filtered by the reference', () => {
    const link = sourceListLink({ key: 'contact.customer', entity: 'contact', field: 'customer' }, 'c1');
    expect(link.path).toBe('/app/contact');
    expect(JSON.parse(link.query.filter)).toEqual({ '==': [{ var: 'customer' }, 'c1'] });
  });
});

describe('related counts', () => {
  it('asks the list API for the total with the reference filter, and falls back to a page without one', async () => {
    const calls: unknown[] = [];
    const list = async (e: string, q: unknown) => {
      calls.push([e, q]);
      return e === 'order' ? { data: [{ id: 'a' }], nextCursor: 'x' } : { data: [{ id: 'a' }], nextCursor: 'x', total: 1234 };
    };
    expect(await countRelated({ key: 'contact.customer', entity: 'contact', field: 'customer' }, 'c1', list)).toEqual({ count: 1234, more: false });
    expect(await countRelated({ key: 'order.payer', entity: 'order', field: 'payer' }, 'c1', list)).toEqual({ count: 1, more: true });
    expect(calls[1]).toEqual(['order', { filter: { '==': [{ var: 'payer' }, 'c1'] }, fields: ['id'], limit: 1, total: true }]);
  });

  it('writes the count with a plus when capped', () => {
    expect(countText({ count: 1200, more: false }, 'en')).toBe('1,200');
    expect(countText({ count: 500, more: true }, 'zh-CN')).toBe('500+');
  });
});
