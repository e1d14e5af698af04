import { describe, expect, it } from 'vitest';
import { desiredSchema } from './desired-schema.js';
import { entity, metaOf } from './test-meta.js';

describe('desiredSchema', () => {
  const account = entity(
    'account',
    {
      name: { type: 'text', id: 'f-name', required: true },
      code: { type: 'auto_number', prefix: 'A-' },
      email: { type: 'email', unique: true },
      score: { type: 'integer', indexed: true },
      tags: { type: 'multi_enum', indexed: true, options: [{ value: 'vip' }] },
      parent: { type: 'reference', entity: 'account', onDelete: 'set_null' },
      owner: { type: 'user' },
      total: { type: 'formula', resultType: 'decimal', expr: { '*': [1, 2] } },
    },
    { id: 'e-account' },
  );
  const [table] = desiredSchema(metaOf(account));

  it('has the system columns, then one column per stored field (none for virtual ones)', () => {
    expect(table.name).toBe('account');
    expect(table.id).toBe('e-account');
    expect(table.columns.map((c) => c.name)).toEqual([
      'id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', 'deleted_at', '_search',
      'name', 'code', 'email', 'score', 'tags', 'parent', 'owner',
    ]);
    expect(table.columns.find((c) => c.name === 'name')).toMatchObject({ type: 'text', id: 'f-name', system: false });
    expect(table.columns.find((c) => c.name === 'version')).toMatchObject({ type: 'integer', options: 'not null default 1' });
  });

  it('indexes what metadata asks for, with deterministic names', () => {
    const byName = Object.fromEntries(table.indexes.map((i) => [i.name, i]));
    expect(byName['account__owner_id__idx']).toMatchObject({ columns: ['owner_id'], method: 'btree' });
    expect(byName['account___search__gin']).toMatchObject({ columns: ['_search'], method: 'gin' });
    expect(byName['account__deleted_at__idx']).toMatchObject({ where: 'deleted_at is not null' });
    expect(byName['account__code__uniq']).toMatchObject({ unique: true });
    expect(byName['account__code__uniq'].where).toBeUndefined();
    expect(byName['account__email__uniq']).toMatchObject({ unique: true, where: 'deleted_at is null' });
    expect(byName['account__score__idx']).toMatchObject({ unique: false, method: 'btree' });
    expect(byName['account__tags__gin']).toMatchObject({ method: 'gin' });
    expect(byName['account__parent__idx']).toBeDefined();
    expect(byName['account__owner__idx']).toBeDefined();
    // Text columns search reads (title and text fields) get a pg_trgm index for substring search, nothing else.
    expect(table.indexes.filter((i) => i.columns.includes('name'))).toEqual([{ name: 'account__name__trgm', columns: ['name'], unique: false, method: 'gin', opclass: 'gin_trgm_ops' }]);
    expect(table.indexes.filter((i) => i.opclass).map((i) => i.name).sort()).toEqual(['account__code__trgm', 'account__email__trgm', 'account__name__trgm']);
  });

  it('links references with a foreign key; users have none', () => {
    expect(table.foreignKeys).toEqual([{ name: 'account__parent__fkey', column: 'parent', refTable: 'account', onDelete: 'set_null' }]);
  });

  it('keeps long names within 63 characters, distinct by a hash', () => {
    const long = 'x'.repeat(40);
    const [t] = desiredSchema(metaOf(entity(long, { [`${long}_a`]: { type: 'integer', indexed: true }, [`${long}_b`]: { type: 'integer', indexed: true } })));
    const names = t.indexes.map((i) => i.name);
    expect(names.every((n) => n.length <= 63)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses reserved and malformed names, unknown references and duplicate ids', () => {
    expect(() => desiredSchema(metaOf(entity('a', { version: { type: 'text' } })))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => desiredSchema(metaOf(entity('a', { 'Bad Name': { type: 'text' } })))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => desiredSchema(metaOf(entity('a', { r: { type: 'reference', entity: 'nope' } })))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => desiredSchema(metaOf(entity('a', { x: { type: 'text', id: 'same' }, y: { type: 'text', id: 'same' } })))).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => desiredSchema(metaOf(entity('a', { x: { type: 'text', id: "it's" } })))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
