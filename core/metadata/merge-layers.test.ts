import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from './types.js';
import { mergeLayers } from './merge-layers.js';
import { label } from './test-fixtures.js';

const customer = {
  $schema: '../../schemas/entity.schema.json',
  kind: 'entity',
  id: 'c-1',
  name: 'customer',
  label: label('Customer', '客户'),
  fields: { name: { type: 'text', maxLength: 100 }, grade: { type: 'enum', options: [{ value: 'a' }, { value: 'b' }] } },
} as MetadataDocument;
const grades = { kind: 'dictionary', name: 'grade', label: label('Grade', '等级'), items: [{ value: 'a', label: label('A', '甲') }] } as MetadataDocument;

const layers = (...tenant: MetadataDocument[]) => [
  { source: 'system', documents: [grades] },
  { source: 'plugin:sales', documents: [customer], files: { 'entity/customer': 'plugins/sales/entities/customer.json' } },
  { source: 'tenant', documents: tenant },
];

describe('mergeLayers', () => {
  it('merges an overlay: adds fields, relabels, adds options and dictionary items', () => {
    const { meta, problems, owners } = mergeLayers(
      layers(
        { kind: 'entity', name: 'customer', label: { en: 'Client' }, fields: { wechat: { type: 'text' }, grade: { options: [{ value: 'c' }] }, name: { label: label('Name', '名称') } } } as MetadataDocument,
        { kind: 'dictionary', name: 'grade', items: [{ value: 'b', label: label('B', '乙') }, { value: 'a', label: label('Top', '顶级') }] } as MetadataDocument,
      ),
    );
    expect(problems).toEqual([]);
    const c = meta.entities.customer;
    expect(c.label).toEqual({ en: 'Client', 'zh-CN': '客户' });
    expect(Object.keys(c.fields)).toEqual(['name', 'grade', 'wechat']);
    expect(c.fields.name).toEqual({ type: 'text', maxLength: 100, label: label('Name', '名称') });
    expect(c.fields.grade).toMatchObject({ options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    expect(meta.dictionaries.grade.items).toEqual([{ value: 'a', label: label('Top', '顶级') }, { value: 'b', label: label('B', '乙') }]);
    expect(meta.documents.entity.customer).toBe(c);
    expect('$schema' in c).toBe(false);
    expect(owners.documents['entity/customer']).toEqual({ owner: 'plugin:sales', extendedBy: ['tenant'] });
    expect(owners.fields.customer).toEqual({ name: 'plugin:sales', grade: 'plugin:sales', wechat: 'tenant' });
  });

  it('refuses to change the type of a field of a lower layer, keeping the rest of the overlay', () => {
    const { meta, problems } = mergeLayers(layers({ kind: 'entity', name: 'customer', fields: { name: { type: 'integer', label: label('N', '名') } } } as MetadataDocument));
    expect(problems).toEqual([
      { file: 'tenant:entity/customer', pointer: '/fields/name/type', message: 'cannot change the type of "name" from text to integer: the field belongs to plugin:sales' },
    ]);
    expect(meta.entities.customer.fields.name).toEqual({ type: 'text', maxLength: 100, label: label('N', '名') });
  });

  it('lets only the owning layer remove a field', () => {
    const { meta, problems } = mergeLayers(layers({ kind: 'entity', name: 'customer', fields: { grade: null } } as unknown as MetadataDocument));
    expect(problems).toEqual([{ file: 'tenant:entity/customer', pointer: '/fields/grade', message: 'field "grade" belongs to plugin:sales; only that layer can remove it' }]);
    expect(meta.entities.customer.fields.grade).toBeDefined();
  });

  it('keeps stable ids and reports duplicates within a layer', () => {
    const { meta, problems } = mergeLayers(
      layers({ kind: 'entity', name: 'customer', id: 'other', fields: {} } as MetadataDocument, { kind: 'entity', name: 'customer', fields: {} } as MetadataDocument),
    );
    expect(meta.entities.customer.id).toBe('c-1');
    expect(problems.map((p) => p.pointer)).toEqual(['/id', '/name']);
  });

  it('records which file wrote each part', () => {
    const { origins } = mergeLayers(layers({ kind: 'entity', name: 'customer', fields: { wechat: { type: 'text' }, name: { maxLength: 20 } } } as MetadataDocument));
    expect(origins['entity/customer']).toEqual({
      '': 'plugins/sales/entities/customer.json',
      '/fields/wechat': 'tenant:entity/customer',
      '/fields/name/maxLength': 'tenant:entity/customer',
    });
  });

  it('does not change its inputs', () => {
    const input = layers({ kind: 'entity', name: 'customer', fields: { wechat: { type: 'text' } } } as MetadataDocument);
    const copy = structuredClone(input);
    mergeLayers(input);
    expect(input).toEqual(copy);
  });
});
