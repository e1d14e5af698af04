import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { applyPlan, introspectSchema, planSchema, retiredColumns, syncSchema } from './index.js';
import { entity, metaOf } from './test-meta.js';
import { newTenant } from './test-tenant.js';

describe('schema sync', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const account = entity(
    'account',
    {
      name: { type: 'text', id: 'f-acc-name' },
      code: { type: 'auto_number' },
      email: { type: 'email', unique: true },
      score: { type: 'integer', indexed: true },
      credit: { type: 'currency' },
      tags: { type: 'multi_enum', options: [{ value: 'vip' }] },
      since: { type: 'date' },
      seen_at: { type: 'datetime' },
      active: { type: 'boolean' },
      data: { type: 'json' },
      rep: { type: 'user' },
      total: { type: 'formula', resultType: 'decimal', expr: 1 },
    },
    { id: 'e-account' },
  );
  const contact = entity('contact', {
    name: { type: 'text' },
    account: { type: 'reference', entity: 'account', onDelete: 'cascade' },
  });

  it('creates tables, columns, indexes and foreign keys on an empty schema; a second plan is empty', async () => {
    const run = await newTenant(db, 'sync_create');
    const meta = metaOf(account, contact);
    const plan = await run((trx) => planSchema(trx, meta));
    expect(plan.destructive).toBe(false);
    expect(plan.steps.filter((s) => s.kind === 'create_table').map((s) => s.entity)).toEqual(['account', 'contact']);
    expect(plan.steps.filter((s) => s.kind === 'add_foreign_key')).toHaveLength(1);
    expect(plan.steps.every((s) => !/select|alter|create table/i.test(s.description))).toBe(true);
    await run((trx) => applyPlan(trx, plan, {}));

    const actual = await run((trx) => introspectSchema(trx));
    expect(actual.map((t) => t.name)).toEqual(['account', 'contact']);
    const acc = actual[0];
    expect(acc.id).toBe('e-account');
    const type = (n: string) => acc.columns.find((c) => c.name === n)?.type;
    expect([type('id'), type('version'), type('deleted_at'), type('_search')]).toEqual(['uuid', 'integer', 'timestamp with time zone', 'tsvector']);
    expect([type('score'), type('credit'), type('tags'), type('since'), type('data'), type('rep')]).toEqual([
      'bigint', 'numeric(18,2)', 'text[]', 'date', 'jsonb', 'uuid',
    ]);
    expect(type('total')).toBeUndefined();
    expect(acc.columns.find((c) => c.name === 'name')?.id).toBe('f-acc-name');
    expect(acc.indexes.map((i) => i.name).sort()).toEqual(
      [
        'account___search__gin', 'account__code__uniq', 'account__deleted_at__idx', 'account__email__uniq',
        'account__owner_id__idx', 'account__rep__idx', 'account__score__idx', 'account_pkey',
        'account__name__trgm', 'account__code__trgm', 'account__email__trgm',
      ].sort(),
    );
    expect(actual[1].foreignKeys).toEqual([{ name: 'contact__account__fkey', columns: ['account'], refTable: 'account', onDelete: 'cascade' }]);

    const accountId = uuidv7();
    await run(async (trx) => {
      await trx('account').insert({ id: accountId, name: 'Acme', email: 'a@x', tags: ['vip'] });
      await trx('contact').insert({ id: uuidv7(), name: 'Ann', account: accountId });
      const [row] = await trx('account').select('version', 'created_at');
      expect(row.version).toBe(1);
      await trx('account').where({ id: accountId }).delete();
      expect(await trx('contact').count({ n: '*' })).toEqual([{ n: 0 }]);
    });
    expect((await run((trx) => planSchema(trx, meta))).steps).toEqual([]);
  });

  it('adds a field safely; removing it retires the column with its data; re-adding brings the data back', async () => {
    const run = await newTenant(db, 'sync_retire');
    const v1 = metaOf(entity('lead', { name: { type: 'text' }, phone: { type: 'phone', indexed: true } }));
    await run((trx) => syncSchema(trx, v1));
    await run((trx) => trx('lead').insert({ id: uuidv7(), name: 'Ann', phone: '123' }));

    const v2 = metaOf(entity('lead', { name: { type: 'text' }, phone: { type: 'phone', indexed: true }, city: { type: 'text' } }));
    const added = await run((trx) => syncSchema(trx, v2));
    expect(added.steps.map((s) => [s.kind, s.field, s.destructive])).toEqual([['add_column', 'city', false], ['create_index', 'city', false]]);

    const v3 = metaOf(entity('lead', { name: { type: 'text' }, city: { type: 'text' } }));
    expect((await run((trx) => planSchema(trx, v3))).steps).toEqual([]);
    await run((trx) => syncSchema(trx, v3));
    const retired = await run(async (trx) => retiredColumns(await introspectSchema(trx), v3));
    expect(retired).toEqual([{ entity: 'lead', table: 'lead', column: 'phone', type: 'text', id: undefined }]);
    expect(await run((trx) => trx('lead').select('phone'))).toEqual([{ phone: '123' }]);

    const v4 = metaOf(entity('lead', { name: { type: 'text' }, city: { type: 'text' }, phone: { type: 'text', indexed: true } }));
    expect((await run((trx) => planSchema(trx, v4))).steps).toEqual([]);
    expect(await run((trx) => trx('lead').select('name', 'phone'))).toEqual([{ name: 'Ann', phone: '123' }]);
  });

  it('renames a field and an entity by stable id, keeping data and renaming their indexes', async () => {
    const run = await newTenant(db, 'sync_rename');
    const v1 = metaOf(entity('client', { full_name: { type: 'text', id: 'f1', indexed: true }, kind: { type: 'text', id: 'f2' } }, { id: 'e1' }));
    await run((trx) => syncSchema(trx, v1));
    await run((trx) => trx('client').insert({ id: uuidv7(), full_name: 'Ann', kind: 'vip' }));

    const v2 = metaOf(entity('customer', { name: { type: 'text', id: 'f1', indexed: true }, kind: { type: 'text', id: 'f2' } }, { id: 'e1' }));
    const plan = await run((trx) => planSchema(trx, v2));
    expect(plan.destructive).toBe(false);
    const kinds = new Set(plan.steps.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['rename_column', 'rename_index', 'rename_table']);
    await run((trx) => applyPlan(trx, plan, {}));
    expect(await run((trx) => trx('customer').select('name', 'kind'))).toEqual([{ name: 'Ann', kind: 'vip' }]);
    const actual = await run((trx) => introspectSchema(trx));
    expect(actual[0].indexes.map((i) => i.name)).toContain('customer__name__idx');
    expect((await run((trx) => planSchema(trx, v2))).steps).toEqual([]);

    const swapped = metaOf(entity('customer', { kind: { type: 'text', id: 'f1', indexed: true }, name: { type: 'text', id: 'f2' } }, { id: 'e1' }));
    await run((trx) => syncSchema(trx, swapped));
    expect(await run((trx) => trx('customer').select('name', 'kind'))).toEqual([{ name: 'vip', kind: 'Ann' }]);
    expect((await run((trx) => planSchema(trx, swapped))).steps).toEqual([]);
  });

  it('follows unique, indexed and on-delete changes with index and foreign-key steps', async () => {
    const run = await newTenant(db, 'sync_indexes');
    const meta = (unique: boolean, onDelete: 'restrict' | 'set_null') =>
      metaOf(
        entity('org', { name: { type: 'text', unique } }),
        entity('person', { org: { type: 'reference', entity: 'org', onDelete } }),
      );
    await run((trx) => syncSchema(trx, meta(false, 'restrict')));
    const plan = await run((trx) => syncSchema(trx, meta(true, 'set_null')));
    expect(plan.steps.map((s) => s.kind).sort()).toEqual(['add_foreign_key', 'create_index', 'drop_foreign_key']);
    expect(plan.steps.find((s) => s.kind === 'create_index')?.details).toEqual({ duplicateValues: 0 });
    const back = await run((trx) => syncSchema(trx, meta(false, 'set_null')));
    expect(back.steps.map((s) => [s.kind, s.field])).toEqual([['drop_index', 'name']]);
    const [, person] = await run((trx) => introspectSchema(trx));
    expect(person.foreignKeys[0].onDelete).toBe('set_null');
  });

  it('plans an entity with 20 fields quickly', async () => {
    const run = await newTenant(db, 'sync_wide');
    const types = ['text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'json', 'email', 'currency', 'percent'] as const;
    const fields = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, { type: types[i % types.length], indexed: i % 4 === 0 }]));
    const meta = metaOf(entity('wide', fields));
    await run((trx) => syncSchema(trx, meta));
    const started = performance.now();
    const plan = await run((trx) => planSchema(trx, meta));
    expect(plan.steps).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('answers a filtered, sorted query on an indexed field from the index', async () => {
    const run = await newTenant(db, 'sync_explain');
    await run((trx) => syncSchema(trx, metaOf(entity('deal', { name: { type: 'text' }, amount: { type: 'integer', indexed: true } }))));
    const plan = await run(async (trx) => {
      await trx.raw(`insert into deal (id, name, amount) select gen_random_uuid(), 'deal ' || g, g from generate_series(1, 20000) g`);
      await trx.raw('analyze deal');
      const { rows } = await trx.raw(`explain select id, name from deal where amount between 100 and 150 and deleted_at is null order by amount limit 20`);
      return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using deal__amount__idx|Bitmap Index Scan on deal__amount__idx/);
  });
});
