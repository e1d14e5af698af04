import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { FieldDefinition } from '../metadata/types.js';
import { applyPlan, introspectSchema, planSchema, syncSchema } from './index.js';
import { entity, metaOf } from './test-meta.js';
import { newTenant } from './test-tenant.js';

describe('type changes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const item = (code: FieldDefinition) => metaOf(entity('item', { code }));
  const typeOfCode = async (trx: Parameters<typeof introspectSchema>[0]) =>
    (await introspectSchema(trx))[0].columns.find((c) => c.name === 'code')?.type;

  it('text → integer: counts rows that would not convert, needs confirmation, fails cleanly, then applies', async () => {
    const run = await newTenant(db, 'type_narrow');
    await run((trx) => syncSchema(trx, item({ type: 'text' })));
    await run((trx) => trx('item').insert(['1', '2', 'x', 'y', null, '42'].map((code) => ({ id: uuidv7(), code }))));

    const plan = await run((trx) => planSchema(trx, item({ type: 'integer' })));
    expect(plan.destructive).toBe(true);
    // The column's substring search index goes first (an integer has none).
    expect(plan.steps.map((s) => s.kind)).toEqual(['drop_index', 'change_type']);
    expect(plan.steps[1]).toMatchObject({
      kind: 'change_type',
      entity: 'item',
      field: 'code',
      destructive: true,
      details: { from: 'text', to: 'bigint', rowsNotConverting: 2 },
    });

    await expect(run((trx) => applyPlan(trx, plan, {}))).rejects.toMatchObject({ status: 409, code: 'DESTRUCTIVE_NOT_CONFIRMED' });
    expect(await run(typeOfCode)).toBe('text');

    await run(async (trx) => {
      const err = await applyPlan(trx, plan, { confirmDestructive: true }).catch((e) => e);
      expect(err).toMatchObject({ status: 409, code: 'TYPE_CHANGE_FAILED', details: { rowsNotConverting: 2 } });
      expect(err.message).not.toMatch(/alter|select|::/i);
      // the caller's transaction is still usable and nothing changed
      expect(await typeOfCode(trx)).toBe('text');
    });

    await run((trx) => trx('item').whereIn('code', ['x', 'y']).update({ code: null }));
    const fixed = await run((trx) => planSchema(trx, item({ type: 'integer' })));
    expect(fixed.steps.find((s) => s.kind === 'change_type')).toMatchObject({ destructive: true, details: { rowsNotConverting: 0 } });
    await run((trx) => applyPlan(trx, fixed, { confirmDestructive: true }));
    expect(await run(typeOfCode)).toBe('bigint');
    expect((await run((trx) => trx('item').whereNotNull('code').orderBy('code').select('code'))).map((r) => r.code)).toEqual([1, 2, 42]);
  });

  it('widening is safe and keeps values; enum ↔ text is no step', async () => {
    const run = await newTenant(db, 'type_widen');
    await run((trx) => syncSchema(trx, item({ type: 'integer' })));
    await run((trx) => trx('item').insert({ id: uuidv7(), code: 7 }));
    const plan = await run((trx) => syncSchema(trx, item({ type: 'decimal', precision: 24 })));
    expect(plan.steps.map((s) => [s.kind, s.destructive])).toEqual([['change_type', false]]);
    // Number(): numeric normalisation is core/db's job (PGlite currently answers strings)
    expect((await run((trx) => trx('item').select('code'))).map((r) => Number(r.code))).toEqual([7]);

    const toText = await run((trx) => syncSchema(trx, item({ type: 'text' })));
    expect(toText.destructive).toBe(false);
    expect(await run((trx) => trx('item').select('code'))).toEqual([{ code: '7.0000' }]);
    expect((await run((trx) => planSchema(trx, item({ type: 'enum', options: [{ value: 'a' }] })))).steps).toEqual([]);

    const toArray = await run((trx) => syncSchema(trx, item({ type: 'multi_enum', options: [{ value: 'a' }] })));
    expect(toArray.destructive).toBe(false);
    expect(await run((trx) => trx('item').select('code'))).toEqual([{ code: ['7.0000'] }]);
  });

  it('scale down is destructive even when every row converts', async () => {
    const run = await newTenant(db, 'type_scale');
    await run((trx) => syncSchema(trx, item({ type: 'decimal' })));
    await run((trx) => trx('item').insert({ id: uuidv7(), code: 1.2345 }));
    const plan = await run((trx) => planSchema(trx, item({ type: 'decimal', scale: 2 })));
    expect(plan.steps[0]).toMatchObject({ destructive: true, details: { from: 'numeric(18,4)', to: 'numeric(18,2)', rowsNotConverting: 0 } });
    await run((trx) => applyPlan(trx, plan, { confirmDestructive: true }));
    expect((await run((trx) => trx('item').select('code'))).map((r) => Number(r.code))).toEqual([1.23]);
  });

  it('a unique index over duplicate values is flagged and fails cleanly when applied', async () => {
    const run = await newTenant(db, 'type_unique');
    await run((trx) => syncSchema(trx, item({ type: 'text' })));
    await run((trx) => trx('item').insert(['a', 'a', 'b'].map((code) => ({ id: uuidv7(), code }))));
    const plan = await run((trx) => planSchema(trx, item({ type: 'text', unique: true })));
    expect(plan.steps[0]).toMatchObject({ kind: 'create_index', destructive: true, details: { duplicateValues: 1 } });
    const err = await run((trx) => applyPlan(trx, plan, { confirmDestructive: true })).catch((e) => e);
    expect(err).toMatchObject({ status: 409, code: 'SCHEMA_APPLY_FAILED' });
    expect(err.message).toMatch(/^Could not apply "Create unique index on code of "item".*some values occur more than once\. Nothing was changed\.$/);
    expect(err.message).not.toMatch(/item__code__uniq|using btree|deleted_at/i);
    const indexes = (await run((trx) => introspectSchema(trx)))[0].indexes.map((i) => i.name);
    expect(indexes).not.toContain('item__code__uniq');
  });
});
