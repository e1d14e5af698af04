import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { applyPlan, introspectSchema, listRetired, planSchema, purge, syncSchema } from './index.js';
import { entity, metaOf } from './test-meta.js';
import { newTenant } from './test-tenant.js';

describe('purge and rollback', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const book = entity('book', { title: { type: 'text' } });

  it('purges a retired column, refuses a live one and an unknown one', async () => {
    const run = await newTenant(db, 'purge_col');
    await run((trx) => syncSchema(trx, metaOf(entity('note', { title: { type: 'text' }, body: { type: 'long_text', indexed: true } }))));
    await run((trx) => trx('note').insert({ id: uuidv7(), title: 'T', body: 'B' }));
    const v2 = metaOf(entity('note', { title: { type: 'text' } }));
    await run((trx) => syncSchema(trx, v2));

    await expect(run((trx) => purge(trx, v2, { entity: 'note', field: 'title' }))).rejects.toMatchObject({ status: 409, code: 'NOT_RETIRED' });
    await expect(run((trx) => purge(trx, v2, { entity: 'note', field: 'nope' }))).rejects.toMatchObject({ status: 404 });
    await expect(run((trx) => purge(trx, v2, { entity: 'note' }))).rejects.toMatchObject({ status: 409, code: 'NOT_RETIRED' });

    const steps = await run((trx) => purge(trx, v2, { entity: 'note', field: 'body' }));
    expect(steps).toMatchObject([{ kind: 'drop_column', entity: 'note', field: 'body', destructive: true }]);
    const [note] = await run((trx) => introspectSchema(trx));
    expect(note.columns.map((c) => c.name)).not.toContain('body');
    expect(await run((trx) => trx('note').select('title'))).toEqual([{ title: 'T' }]);
    expect((await run((trx) => listRetired(trx, v2))).columns).toEqual([]);
  });

  it('retires a removed entity table and purges it on request', async () => {
    const run = await newTenant(db, 'purge_table');
    await run((trx) =>
      syncSchema(trx, metaOf(book, entity('shelf', { label: { type: 'text' }, book: { type: 'reference', entity: 'book' } }))),
    );
    const onlyShelf = metaOf(entity('shelf', { label: { type: 'text' } }));
    expect((await run((trx) => planSchema(trx, onlyShelf))).steps).toEqual([]);
    const retired = await run((trx) => listRetired(trx, onlyShelf));
    expect(retired.tables.map((t) => t.table)).toEqual(['book']);
    expect(retired.columns.map((c) => c.column)).toEqual(['book']);

    const steps = await run((trx) => purge(trx, onlyShelf, { entity: 'book' }));
    expect(steps).toMatchObject([{ kind: 'drop_table', entity: 'book', destructive: true }]);
    expect((await run((trx) => introspectSchema(trx))).map((t) => t.name)).toEqual(['shelf']);
  });

  it('a failing step rolls back every step of the apply', async () => {
    const run = await newTenant(db, 'purge_rollback');
    await run((trx) => syncSchema(trx, metaOf(book)));
    const v2 = metaOf(entity('book', { title: { type: 'text' }, isbn: { type: 'text' }, pages: { type: 'integer' } }), entity('author', { name: { type: 'text' } }));
    const plan = await run((trx) => planSchema(trx, v2));
    const broken = {
      ...plan,
      steps: [
        ...plan.steps,
        { kind: 'create_index' as const, entity: 'book', description: 'Index a missing column', destructive: false, sql: [{ sql: 'create index ?? on ?? (??)', bindings: ['x__idx', 'book', 'missing'] }] },
      ],
    };
    await run(async (trx) => {
      const err = await applyPlan(trx, broken, {}).catch((e) => e);
      expect(err).toMatchObject({ status: 409, code: 'SCHEMA_APPLY_FAILED', details: { step: { kind: 'create_index', entity: 'book' } } });
      expect(err.message).toBe('Could not apply "Index a missing column": the database refused it. Nothing was changed.');
    });
    const actual = await run((trx) => introspectSchema(trx));
    expect(actual.map((t) => t.name)).toEqual(['book']);
    expect(actual[0].columns.map((c) => c.name)).not.toContain('isbn');
    expect((await run((trx) => planSchema(trx, v2))).steps.length).toBe(plan.steps.length);
  });
});
