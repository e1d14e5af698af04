import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, listRecords, updateRecord, type RecordContext, type RecordData } from '../../core/index.js';
import { TEST_ACTOR, checkPluginMetadata, handlePluginRoute, installPlugin, loadTenantRuntime, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
type Row = Record<string, unknown>;

/** Runs fn in its own tenant transaction with a record context (each call may run concurrently with others). */
const inRecords = <T>(fn: (ctx: RecordContext) => Promise<T>): Promise<T> => t.withRecords(fn);
const move = (data: Row) => inRecords((ctx) => createRecord('stock_move', { reason: 'sale', ...data }, ctx));
const stockOf = (product: unknown, warehouse: unknown) =>
  t.inTenant((trx) => trx('stock').where({ product, warehouse }).whereNull('lot').first('id', 'quantity'));

/** Resolves once `n` callers are waiting: proof that n transactions are open at the same time. */
const barrier = (n: number) => {
  let waiting = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === n) open();
    return all;
  };
};

let product: Row;
let warehouse: Row;

beforeAll(async () => {
  t = await openTestTenant('products_demo');
});
afterAll(() => t?.close());

describe('products plugin', () => {
  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('products')).toEqual([]);
  });

  it('installs with a demo catalogue whose stock matches its moves', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'products', withDemoData: true }, { knex: t.knex, actor: TEST_ACTOR });
    expect(result.seeded).toMatchObject({ warehouse: 3, product: 23, product_bundle_item: 5 });
    const mismatched = await t.inTenant((trx) =>
      trx.raw(`select s.id from stock s join stock_move m on m.stock = s.id group by s.id, s.quantity
               having s.quantity <> sum(case when m.direction = 'in' then m.quantity else -m.quantity end) or s.quantity < 0`),
    );
    expect(mismatched.rows).toEqual([]);
    expect(await t.inTenant((trx) => trx('stock').where('quantity', '>', 0).count({ n: '*' }))).toEqual([{ n: expect.any(Number) }]);
    [product, warehouse] = await inRecords(async (ctx) => [
      await createRecord('product', { sku: 'T-1', name: '测试产品' }, ctx),
      await createRecord('warehouse', { code: 'T01', name: '测试仓' }, ctx),
    ]);
  });

  it('refuses an issue beyond stock with 409 and books nothing', async () => {
    await move({ product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 5, reason: 'purchase' });
    const err = await move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 6 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INSUFFICIENT_STOCK', status: 409, details: { available: 5, requested: 6 } });
    expect(err.message).toBe('Not enough stock: 5 on hand, 6 requested');
    expect((await stockOf(product.id, warehouse.id)).quantity).toBe(5);
    const issued = await move({ product: product.id, warehouse: warehouse.id, direction: 'out', quantity: 5 });
    expect(issued).toMatchObject({ balance_after: 0, number: expect.stringMatching(/^SM\d{8}$/) });
  });

  it('keeps stock consistent under concurrent receipts and issues', async () => {
    const other = await inRecords((ctx) => createRecord('warehouse', { code: 'T02', name: '并发仓' }, ctx));
    const receipts = await Promise.allSettled(Array.from({ length: 5 }, () => move({ product: product.id, warehouse: other.id, direction: 'in', quantity: 2, reason: 'purchase' })));
    expect(receipts.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await t.inTenant((trx) => trx('stock').where({ product: product.id, warehouse: other.id }).select('quantity'))).toEqual([{ quantity: 10 }]);
    const issues = await Promise.allSettled(Array.from({ length: 8 }, () => move({ product: product.id, warehouse: other.id, direction: 'out', quantity: 3 })));
    const refused = issues.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(issues.length - refused.length).toBe(3);
    expect(refused.every((r) => r.reason.code === 'INSUFFICIENT_STOCK' && r.reason.status === 409)).toBe(true);
    expect((await stockOf(product.id, other.id)).quantity).toBe(1);
    const balances = issues.flatMap((r) => (r.status === 'fulfilled' ? [Number(r.value.balance_after)] : [])).sort();
    expect(balances).toEqual([1, 4, 7]);
  });

  it('lets exactly 5 of 20 parallel issues through a stock of 5, leaving 0', async () => {
    const [item, store] = await inRecords(async (ctx) => [
      await createRecord('product', { sku: 'T-20', name: '限量产品' }, ctx),
      await createRecord('warehouse', { code: 'T20', name: '抢购仓' }, ctx),
    ]);
    await move({ product: item.id, warehouse: store.id, direction: 'in', quantity: 5, reason: 'purchase' });
    // On PostgreSQL: 20 connections, each holding an open transaction before any issues
    // (the barrier), so the stock row lock is really contended. PGlite has one connection:
    // the same 20 transactions run one after another, and the outcome must be the same.
    const parallel = t.db.backend === 'postgres';
    const pool = await t.pool(25);
    const ready = parallel ? barrier(20) : () => Promise.resolve();
    try {
      const issue = () =>
        t.withRecords(
          async (ctx) => {
            await ready();
            return createRecord('stock_move', { product: item.id, warehouse: store.id, direction: 'out', quantity: 1, reason: 'sale' }, ctx);
          },
          { knex: pool.knex },
        );
      const results = await Promise.allSettled(Array.from({ length: 20 }, issue));
      const done = results.filter((r): r is PromiseFulfilledResult<RecordData> => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(done).toHaveLength(5);
      expect(refused.map((r) => [r.reason.code, r.reason.status])).toEqual(Array(15).fill(['INSUFFICIENT_STOCK', 409]));
      expect(done.map((r) => Number(r.value.balance_after)).sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await pool.close();
    }
    expect((await stockOf(item.id, store.id)).quantity).toBe(0);
    const moves = await t.inTenant((trx) => trx('stock_move').where({ warehouse: store.id, direction: 'out' }).count({ n: '*' }));
    expect(Number(moves[0].n)).toBe(5);
  });

  it('keeps booked moves and stock out of direct edits', async () => {
    const booked = await move({ product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 1, reason: 'purchase' });
    await expect(inRecords((ctx) => updateRecord('stock_move', String(booked.id), { quantity: 100 }, ctx))).rejects.toMatchObject({ status: 422 });
    expect(await inRecords((ctx) => updateRecord('stock_move', String(booked.id), { notes: '到货验收完毕' }, ctx))).toMatchObject({ notes: '到货验收完毕' });
    const stock = await stockOf(product.id, warehouse.id);
    await expect(inRecords((ctx) => updateRecord('stock', String(stock.id), { quantity: 1000 }, ctx))).rejects.toMatchObject({ status: 422 });
    await expect(inRecords((ctx) => createRecord('stock', { product: product.id, warehouse: warehouse.id }, ctx))).rejects.toMatchObject({ status: 422 });
  });

  it('answers the stock route and offers an expiry operator in memory and in SQL', async () => {
    const answer = (await handlePluginRoute({ tenant: t.tenant, plugin: 'products', method: 'GET', path: `/stock/${product.id}` }, { knex: t.knex, actor: TEST_ACTOR })) as { total: number; rows: Row[] };
    expect(answer.total).toBe(2);
    expect(answer.rows.map((r) => r.warehouse).sort()).toEqual(['并发仓', '测试仓']);
    const op = (await loadTenantRuntime(t.knex, t.tenant)).operators.find((o) => o.name === 'expires_within')!;
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    for (const [date, days, expected] of [[soon, 30, true], [soon, 5, false], ['2001-01-01', 30, false]] as const) {
      expect(op.evaluate(date, days)).toBe(expected);
      const { sql, bindings } = op.sql({ sql: '?', bindings: [date] }, { sql: '?', bindings: [days] });
      const { rows } = await t.knex.raw(`select ${sql} as r`, bindings as string[]);
      expect(rows[0].r).toBe(expected);
    }
    // the day it is now in the tenant's zone, given as `$today`, decides the window in both forms
    for (const [date, today, expected] of [['2030-01-10', '2030-01-01', true], ['2030-01-10', '2030-01-11', false], ['2030-01-31', '2030-01-01', true], ['2030-02-01', '2030-01-01', false]] as const) {
      expect(op.evaluate(date, 30, today)).toBe(expected);
      const { sql, bindings } = op.sql({ sql: '?', bindings: [date] }, { sql: '?', bindings: [30] }, { sql: '?', bindings: [today] });
      const { rows } = await t.knex.raw(`select ${sql} as r`, bindings as string[]);
      expect(rows[0].r).toBe(expected);
    }
    // and it is part of the rule language: a list filters lots by it in SQL
    const later = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    await inRecords(async (ctx) => {
      await createRecord('lot', { product: product.id, lot_number: 'EXP-SOON', expiry_date: soon }, ctx);
      await createRecord('lot', { product: product.id, lot_number: 'EXP-LATER', expiry_date: later }, ctx);
    });
    const listed = await inRecords((ctx) => listRecords('lot', { filter: { and: [{ expires_within: [{ var: 'expiry_date' }, 30, { var: '$today' }] }, { in: ['EXP-', { var: 'lot_number' }] }] }, limit: 50 }, ctx));
    expect(listed.data.map((r) => r.lot_number)).toEqual(['EXP-SOON']);
  });
});
