import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateRecords, createRecord, getRecord, listRecords, runTransition, updateRecord, type Actor, type AggregateQuery, type RecordData } from '../../core/index.js';
import { TEST_ACTOR, createUser, handlePluginRoute, installPlugin, openTestTenant, runDueTriggers, runQueuedPluginJobs, runQueuedWorkflowRuns, startPluginJobWorker, until, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
let rep: Actor;
const customerIds: string[] = [];
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
    const costs: Record<string, number> = { A: 60, B: 30, C: 50, D: 80 };
    for (const [i, name] of ['A', 'B', 'C', 'D'].entries()) p[name] = String((await createRecord('product', { sku: `P-${i}`, name: `Product ${name}`, price: 10, cost: costs[name] }, ctx)).id);
    const c: string[] = [];
    for (const name of ['c1', 'c2', 'c3', 'c4']) c.push(String((await createRecord('customer', { name, status: 'active', owner_id: name === 'c4' ? director.id : rep.id }, ctx)).id));
    customerIds.push(...c);
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
}, 600_000);
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

describe('margins, the nightly refresh and cross-sell (S4, D8)', () => {
  it('copies each product\'s cost onto its lines and sums margins per line, order and customer', async () => {
    // Unit price 100 on every line; costs A 60, B 30, C 50, D 80.
    const lines = await t.withRecords((ctx) => listRecords('order_line', { filter: { '==': [{ var: 'sales_order.customer' }, customerIds[0]] }, fields: ['product.name', 'unit_cost', 'cost', 'margin', 'margin_percent'], sort: 'product.name' }, ctx));
    expect(lines.data.map((l) => [Number(l.unit_cost), Number(l.cost), Number(l.margin), Number(l.margin_percent)])).toEqual([[60, 60, 40, 40], [30, 30, 70, 70], [50, 50, 50, 50]]);
    const orders = await t.withRecords((ctx) => listRecords('sales_order', { filter: { '==': [{ var: 'customer' }, customerIds[0]] }, fields: ['total', 'cost', 'margin', 'margin_percent'], sort: 'order_date' }, ctx));
    expect(orders.data.map((o) => [Number(o.total), Number(o.cost), Number(o.margin), Number(o.margin_percent)])).toEqual([[200, 90, 110, 55], [100, 50, 50, 50]]);
    const report = (name: string, actor: Actor = TEST_ACTOR) =>
      t.withRecords(async (ctx) => {
        const doc = ctx.meta.documents.report[name] as unknown as AggregateQuery;
        return aggregateRecords({ entity: doc.entity, groupBy: doc.groupBy, filter: doc.filter, measures: doc.measures } as AggregateQuery, ctx);
      }, { actor });
    const byCustomer = await report('margin_by_customer');
    const row = (name: string) => byCustomer.rows.find((r) => Object.values(r).includes(name));
    expect([row('c1')?.sales, row('c1')?.cost, row('c1')?.margin].map(Number)).toEqual([300, 140, 160]);
    // c4's sold orders only: {A,B,C,D} and {D}; the new order does not count.
    expect([row('c4')?.sales, row('c4')?.cost, row('c4')?.margin].map(Number)).toEqual([500, 300, 200]);
    const byRep = await report('margin_by_rep', rep);
    expect(byRep.rows.map((r) => [Number(r.sales), Number(r.margin)])).toEqual([[700, 360]]);
  });

  it('refreshes RFM classes onto customers and the company-wide rules at night, and suggests only products not yet bought, within the asker\'s scope', async () => {
    await runDueTriggers(t.knex, new Date('2026-12-08T01:59:30Z'));
    await runDueTriggers(t.knex, new Date('2026-12-08T02:00:30Z'));
    await runQueuedWorkflowRuns(t.knex, await t.current());
    const companyRuns = () => t.withRecords((ctx) => listRecords('mining_run', { filter: { '==': [{ var: 'tenant_wide' }, true] }, fields: ['kind', 'status', 'progress', 'result'] }, ctx));
    // The workflow has finished, and its steps only queued the runs: nothing was mined in their transactions.
    const finished = await t.inTenant((trx) => trx('_wf_runs').where({ workflow: 'mining_refresh' }).select('status'));
    expect(finished.map((r) => r.status)).toEqual(['completed']);
    const queued = await companyRuns();
    expect(queued.data.map((r) => [r.kind, r.status]).sort()).toEqual([['associations', 'queued'], ['rfm', 'queued']]);
    // A worker had started the rules and stopped half-way: the job, delivered again, starts over.
    const stopped = queued.data.find((r) => r.kind === 'associations')!;
    await t.withRecords((ctx) => updateRecord('mining_run', String(stopped.id), { status: 'running', progress: 3 }, ctx));
    const worker = await startPluginJobWorker(t.db);
    let runs: Awaited<ReturnType<typeof companyRuns>>;
    try {
      runs = await until(async () => {
        const now = await companyRuns();
        return now.data.every((r) => r.status === 'done') ? now : undefined;
      }, 60_000);
    } finally {
      await worker.stop();
    }
    expect(runs.data.map((r) => [r.kind, r.status]).sort()).toEqual([['associations', 'done'], ['rfm', 'done']]);
    expect(runs.data.find((r) => r.kind === 'associations')?.progress).toBe(12);
    // The mining page shows a rep the nightly run's state beside her own runs.
    const page = (await route(rep, 'GET', undefined, { kind: 'associations' })) as unknown as { nightly: RecordData };
    expect(page.nightly).toMatchObject({ kind: 'associations', status: 'done', progress: 12 });
    expect(page.nightly.result).toBeUndefined();
    const rfmRun = runs.data.find((r) => r.kind === 'rfm')!;
    expect(rfmRun.result).toMatchObject({ total: 4, golden: 0 });
    expect((rfmRun.result as Record<string, unknown>).customers).toBeUndefined();
    const stored = await t.withRecords((ctx) => listRecords('customer', { filter: { in: [{ var: 'id' }, customerIds] }, fields: ['name', 'rfm_class', 'golden'], sort: 'name' }, ctx));
    expect(stored.data.every((c) => typeof c.rfm_class === 'string' && c.golden === false)).toBe(true);
    // A user cannot make a company-wide run.
    await expect(t.withRecords((ctx) => createRecord('mining_run', { kind: 'rfm', status: 'queued', tenant_wide: true }, ctx), { actor: rep })).rejects.toMatchObject({ status: 403 });

    const suggest = async (actor: Actor, entity: string, id: string) =>
      (await handlePluginRoute({ tenant: await t.current(), plugin: 'sales', method: 'GET', path: `/cross-sell/${entity}/${id}` }, { knex: t.knex, actor })) as { suggestions: { product: { name: string }; score: number; because: { name: string }[] }[] };
    // c3 bought only A: B (confidence 3/4 × lift 7/4), then D (1/4 × 7/8), then C (1/4 × 7/12).
    const c3 = await suggest(rep, 'customer', customerIds[2]);
    expect(c3.suggestions.map((x) => x.product.name)).toEqual(['Product B', 'Product D', 'Product C']);
    expect(c3.suggestions[0].score).toBeCloseTo(0.75 * 1.75);
    expect(c3.suggestions[0].because.map((x) => x.name)).toEqual(['Product A']);
    // c1 bought A, B and C: only D is left, and never a product it has.
    expect((await suggest(rep, 'customer', customerIds[0])).suggestions.map((x) => x.product.name)).toEqual(['Product D']);
    // The rep may not read the director's customer c4 (404), nor an opportunity not theirs.
    await expect(suggest(rep, 'customer', customerIds[3])).rejects.toMatchObject({ status: 404 });
    const deal = await t.withRecords((ctx) => createRecord('opportunity', { title: 'More for c3', customer: customerIds[2], owner_id: director.id }, ctx));
    await expect(suggest(rep, 'opportunity', String(deal.id))).rejects.toMatchObject({ status: 404 });
    expect((await suggest(director, 'opportunity', String(deal.id))).suggestions.map((x) => x.product.name)).toEqual(['Product B', 'Product D', 'Product C']);
    await expect(suggest(director, 'lead', String(deal.id))).rejects.toMatchObject({ status: 400 });
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
