import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord, listRecords, runTransition, type Actor, type RecordData } from '../../core/index.js';
import { TEST_ACTOR, createUser, handlePluginRoute, installPlugin, openTestTenant, runDueTriggers, runQueuedPluginJobs, runQueuedWorkflowRuns, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
let rep: Actor;
let director: Actor;

const route = async (actor: Actor, method: 'GET' | 'POST', body?: Record<string, unknown>, query: Record<string, string> = {}) =>
  (await handlePluginRoute({ tenant: await t.current(), plugin: 'sales', method, path: '/mining', body, query }, { knex: t.knex, actor })) as RecordData & { data: RecordData[] };

/** Asks for a run, runs the queued job as a worker would, and answers with the stored run. */
const mine = async (actor: Actor, body: Record<string, unknown>) => {
  const queued = await route(actor, 'POST', body);
  expect(queued.status).toBe('queued');
  await runQueuedPluginJobs(t.knex, await t.current());
  const runs = (await route(actor, 'GET', undefined, { kind: String(body.kind) })).data;
  expect(runs[0].id).toBe(queued.id);
  return runs[0] as RecordData & { result: Record<string, unknown> };
};

const userOf = async (login: string, roles: string[]): Promise<Actor> => {
  const u = await createUser({ tenantId: t.tenant.id, email: `${login}@example.com`, password: 'secret-password-1', name: login, roles }, { knex: t.knex });
  return { id: u.id, name: login, roles, isAdmin: false };
};

/**
 * Seven sold orders of four customers (the rep owns the first five, of three customers):
 * c1: {A,B} then {C}; c2: {A,B} then {C}; c3: {A}; c4: {A,B,C,D} then {D}; and a new order that does not count.
 */
beforeAll(async () => {
  t = await openTestTenant('sales_mining');
  await installPlugin({ tenant: t.tenant, plugin: 'sales' }, { knex: t.knex, actor: TEST_ACTOR });
  rep = await userOf('rep', ['account_manager']);
  director = await userOf('director', ['sales_director']);
  await t.withRecords(async (ctx) => {
    const p: Record<string, string> = {};
    for (const [i, name] of ['A', 'B', 'C', 'D'].entries()) p[name] = String((await createRecord('product', { sku: `P-${i}`, name: `Product ${name}`, price: 10 }, ctx)).id);
    const c: string[] = [];
    for (const name of ['c1', 'c2', 'c3', 'c4']) c.push(String((await createRecord('customer', { name, status: 'active', owner_id: name === 'c4' ? director.id : rep.id }, ctx)).id));
    const order = async (customer: string, date: string, items: string[], owner: string, status = 'confirmed') => {
      const o = await createRecord('sales_order', { customer, order_date: date, owner_id: owner }, ctx);
      for (const item of items) await createRecord('order_line', { sales_order: o.id, product: p[item], quantity: 1, unit_price: 100, owner_id: owner }, ctx);
      if (status !== 'new') await runTransition({ entity: 'sales_order', id: String(o.id), transition: 'confirm' }, ctx);
    };
    await order(c[0], '2026-01-05', ['A', 'B'], rep.id);
    await order(c[0], '2026-02-05', ['C'], rep.id);
    await order(c[1], '2026-01-06', ['A', 'B'], rep.id);
    await order(c[1], '2026-03-06', ['C'], rep.id);
    await order(c[2], '2026-01-07', ['A'], rep.id);
    await order(c[3], '2026-01-08', ['A', 'B', 'C', 'D'], director.id);
    await order(c[3], '2026-02-08', ['D'], director.id);
    await order(c[3], '2026-02-09', ['A', 'C'], director.id, 'new');
  });
}, 300_000);
afterAll(() => t?.close());

describe('sales mining (D8)', () => {
  it('finds products bought together, over only the orders the asker may read', async () => {
    const all = await mine(director, { kind: 'associations', minSupport: 0.4, minConfidence: 0.5 });
    expect(all).toMatchObject({ status: 'done', progress: 12 });
    expect(all.result.transactions).toBe(7);
    const rules = (all.result.rules as { antecedent: { name: string }[]; consequent: { name: string }[]; confidence: number; lift: number; support: number }[]).map((r) => [r.antecedent.map((x) => x.name).join(), r.consequent.map((x) => x.name).join(), r.support, r.confidence, r.lift]);
    expect(rules).toEqual([
      ['Product B', 'Product A', 3 / 7, 1, 1.75],
      ['Product A', 'Product B', 3 / 7, 0.75, 1.75],
    ]);
    const mine1 = await mine(rep, { kind: 'associations', minSupport: 0.4, minConfidence: 0.5 });
    expect(mine1.result.transactions).toBe(5);
    expect((mine1.result.rules as { lift: number }[])[0].lift).toBeCloseTo(5 / 3);
    await expect(route(rep, 'POST', { kind: 'associations', minSupport: 2 })).rejects.toMatchObject({ status: 400 });
    await expect(route(rep, 'POST', { kind: 'magic' })).rejects.toMatchObject({ status: 400 });
  });

  it('finds purchase sequences and RFM classes, and lists only the asker\'s runs', async () => {
    const seq = await mine(director, { kind: 'sequences', minSupport: 0.5 });
    const patterns = (seq.result.patterns as { steps: { name: string }[]; count: number }[]).map((p) => [p.steps.map((s) => s.name).join(' > '), p.count]);
    expect(patterns).toEqual(expect.arrayContaining([['Product A > Product C', 2], ['Product B > Product C', 2]]));
    expect(patterns.find(([steps]) => String(steps).includes('Product D'))).toBeUndefined();

    const rfm = await mine(director, { kind: 'rfm' });
    const customers = rfm.result.customers as { name: string; orders: number; spend: number; r: number; f: number; m: number; golden: boolean }[];
    expect(customers.map((x) => [x.name, x.orders, x.spend]).sort()).toEqual([['c1', 2, 300], ['c2', 2, 300], ['c3', 1, 100], ['c4', 2, 500]]);
    expect(rfm.result.total).toBe(4);
    const repRfm = await mine(rep, { kind: 'rfm' });
    expect((repRfm.result.customers as { name: string }[]).map((x) => x.name).sort()).toEqual(['c1', 'c2', 'c3']);

    expect((await route(rep, 'GET')).data.every((r) => r.owner_id === rep.id)).toBe(true);
    expect((await route(rep, 'GET')).data).toHaveLength(2);
  });
});

describe('churn watch (D6)', () => {
  it('keeps the last order date from sold orders, flags a customer quiet for 180 days with the reason and tells the account manager', async () => {
    const product = await t.withRecords((ctx) => createRecord('product', { sku: 'P-Q', name: 'Product Q', price: 10 }, ctx));
    const customer = await t.withRecords(async (ctx) => {
      const c = await createRecord('customer', { name: 'Quiet Co', status: 'active', owner_id: rep.id, account_manager: rep.id }, ctx);
      const o = await createRecord('sales_order', { customer: c.id, order_date: '2026-01-10', owner_id: rep.id }, ctx);
      await createRecord('order_line', { sales_order: o.id, product: product.id, quantity: 1, unit_price: 100 }, ctx);
      await runTransition({ entity: 'sales_order', id: String(o.id), transition: 'confirm' }, ctx);
      return c;
    });
    const read = () => t.withRecords((ctx) => getRecord('customer', String(customer.id), ctx));
    expect(String((await read()).last_order_date).slice(0, 10)).toBe('2026-01-10');

    await runDueTriggers(t.knex, new Date('2026-07-09T07:59:00Z'));
    await runQueuedWorkflowRuns(t.knex, await t.current());
    expect((await read()).status).toBe('active');
    await runDueTriggers(t.knex, new Date('2026-07-09T08:00:30Z'));
    await runQueuedWorkflowRuns(t.knex, await t.current());

    const losses = await t.withRecords((ctx) => listRecords('customer_loss', { filter: { '==': [{ var: 'customer' }, customer.id] } }, ctx));
    expect(losses.data).toHaveLength(1);
    expect(losses.data[0]).toMatchObject({ status: 'warning' });
    expect(String(losses.data[0].flag_reason)).toContain('No sold order for 180 days; the last was on 2026-01-10');
    expect((await read()).status).toBe('at_risk');
    const notes = await t.inTenant((trx) => trx('_notifications').where({ user_id: rep.id }).select('title'));
    expect(notes.map((n) => n.title)).toContain('Churn warning: Quiet Co has not ordered since 2026-01-10');

    // Ordering again makes the customer active, from the new date.
    await t.withRecords(async (ctx) => {
      const o = await createRecord('sales_order', { customer: customer.id, order_date: '2026-07-20', owner_id: rep.id }, ctx);
      await createRecord('order_line', { sales_order: o.id, product: product.id, quantity: 1, unit_price: 100 }, ctx);
      await runTransition({ entity: 'sales_order', id: String(o.id), transition: 'confirm' }, ctx);
    });
    expect(await read()).toMatchObject({ status: 'active' });
    expect(String((await read()).last_order_date).slice(0, 10)).toBe('2026-07-20');
  });
});
