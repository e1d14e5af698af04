import { describe, expect, it } from 'vitest';
import type { MetaEntity } from '../api/types.js';
import { entitiesForPeople, entityForPeople } from './people-view.js';

const team = {
  kind: 'entity', name: 'team', titleField: 'label', localeTitleFields: { 'zh-CN': 'label_zh' }, searchFields: ['label', 'label_zh', 'name'],
  fields: { name: { type: 'text' }, label: { type: 'text' }, label_zh: { type: 'text' } },
} as unknown as MetaEntity;

const stock = {
  kind: 'entity', name: 'stock', titleField: 'product', searchFields: ['stock_key'], pickerFields: ['quantity', 'stock_key'],
  fields: { product: { type: 'reference', entity: 'product' }, quantity: { type: 'decimal' }, stock_key: { type: 'text', internal: true } },
} as unknown as MetaEntity;

const plain = { kind: 'entity', name: 'note', titleField: 'title', fields: { title: { type: 'text' } } } as unknown as MetaEntity;

describe('entityForPeople', () => {
  it('titles records by the field that names them in the reader’s language', () => {
    expect(entityForPeople(team, 'zh-CN').titleField).toBe('label_zh');
    expect(entityForPeople(team, 'en').titleField).toBe('label');
  });

  it('leaves internal keys out of fields, search and picker fields', () => {
    const seen = entityForPeople(stock, 'en');
    expect(Object.keys(seen.fields)).toEqual(['product', 'quantity']);
    expect(seen.searchFields).toEqual([]);
    expect(seen.pickerFields).toEqual(['quantity']);
    expect(Object.keys(stock.fields)).toContain('stock_key');
  });

  it('keeps an entity with nothing to change as it is', () => {
    expect(entityForPeople(plain, 'zh-CN')).toBe(plain);
    expect(entitiesForPeople({ note: plain, team }, 'zh-CN').team.titleField).toBe('label_zh');
  });

  it('ignores a language title naming a field the entity does not have', () => {
    const broken = { ...team, localeTitleFields: { 'zh-CN': 'ghost' } } as unknown as MetaEntity;
    expect(entityForPeople(broken, 'zh-CN').titleField).toBe('label');
  });
});
