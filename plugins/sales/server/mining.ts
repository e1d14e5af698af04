import {
  aggregateRecords,
  associationRules,
  badRequest,
  getRecord,
  groupRuns,
  listRecords,
  rfmScores,
  sequencePatterns,
  streamRecords,
  updateRecord,
  type JobDef,
  type JobWork,
  type PluginRouteDef,
  type RecordData,
} from '../../../core/index.js';
import { SOLD_STATES, today } from './shared.js';

/**
 * Data mining over the sales (D8), wired to core's mining primitives: which rows (sold
 * orders and their lines), which fields (customer, product, date, total). A run is a
 * `mining_run` record of the person who asked; the job reads as them (their row scope),
 * so a rep mines only what they may read, and the result is stored on the run.
 */
const KINDS = ['rfm', 'associations', 'sequences'] as const;
type Kind = (typeof KINDS)[number];
const SOLD = { in: [{ var: 'sales_order.status' }, [...SOLD_STATES]] };
const SOLD_ORDER = { in: [{ var: 'status' }, [...SOLD_STATES]] };
const PROGRESS_EVERY = 10_000;

const share = (body: Record<string, unknown>, name: string, fallback: number): number => {
  const v = body[name] === undefined ? fallback : Number(body[name]);
  if (!Number.isFinite(v) || v <= 0 || v > 1) throw badRequest(`"${name}" must be a number above 0 and at most 1`);
  return v;
};

/** POST /api/x/sales/mining {kind, minSupport?, minConfidence?}: queues a run as the caller and answers with it. */
export const startMining: PluginRouteDef = {
  method: 'POST',
  path: '/mining',
  async handler(req, ctx) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = body.kind as Kind;
    if (!KINDS.includes(kind)) throw badRequest(`"kind" must be one of ${KINDS.join(', ')}`);
    const params = kind === 'rfm' ? {} : kind === 'associations' ? { minSupport: share(body, 'minSupport', 0.01), minConfidence: share(body, 'minConfidence', 0.2) } : { minSupport: share(body, 'minSupport', 0.02) };
    const run = await ctx.records.create('mining_run', { kind, status: 'queued', progress: 0, params });
    await ctx.enqueue('mine', { run: run.id });
    return run;
  },
};

/** GET /api/x/sales/mining?kind=: the caller's latest runs, newest first (result included). */
export const listMining: PluginRouteDef = {
  method: 'GET',
  path: '/mining',
  async handler(req, ctx) {
    const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
    if (kind !== undefined && !KINDS.includes(kind as Kind)) throw badRequest(`"kind" must be one of ${KINDS.join(', ')}`);
    const mine = { '==': [{ var: 'owner_id' }, ctx.actor.id] };
    const page = await ctx.records.list('mining_run', { filter: kind ? { and: [mine, { '==': [{ var: 'kind' }, kind] }] } : mine, sort: '-created_at', limit: 10 });
    return { data: page.data };
  },
};

/** Names of referenced records the actor may read (id → name); the rest stay unnamed. */
const namesOf = async (work: JobWork, entity: string, ids: string[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const page = await work.run((ctx) => listRecords(entity, { filter: { in: [{ var: 'id' }, ids.slice(i, i + 500)] }, fields: ['name'], limit: 500 }, ctx));
    for (const r of page.data) out.set(String(r.id), String(r.name ?? ''));
  }
  return out;
};

const progress = (work: JobWork, id: string) => (n: number) => work.run(async (ctx) => void (await updateRecord('mining_run', id, { progress: n }, ctx)));

/**
 * Customers' RFM scores from one aggregate of their sold orders by customer and day (the
 * latest day, the orders, the spend), their classes and golden customers.
 */
const mineRfm = async (work: JobWork) => {
  const answer = await work.run((ctx) =>
    aggregateRecords({ entity: 'sales_order', groupBy: ['customer', { field: 'order_date', granularity: 'day' }], filter: SOLD_ORDER, measures: [{ name: 'orders', aggregate: 'count' }, { name: 'spend', aggregate: 'sum', field: 'total' }], limit: 500_000 } as never, ctx),
  );
  const day = await work.run(async (ctx) => today(ctx));
  const dateKey = answer.columns.find((c) => c.field === 'order_date')?.key ?? 'order_date';
  const byCustomer = new Map<string, { key: string; last: string; frequency: number; monetary: number }>();
  for (const r of answer.rows) {
    if (!r.customer || !r[dateKey]) continue;
    const key = String(r.customer);
    const date = String(r[dateKey]).slice(0, 10);
    const c = byCustomer.get(key) ?? { key, last: date, frequency: 0, monetary: 0 };
    if (date > c.last) c.last = date;
    c.frequency += Number(r.orders);
    c.monetary += Number(r.spend ?? 0);
    byCustomer.set(key, c);
  }
  const rows = [...byCustomer.values()];
  const scored = rfmScores(rows, day);
  const names = await namesOf(work, 'customer', scored.map((s) => s.key));
  const classes: Record<string, number> = {};
  for (const s of scored) classes[s.class] = (classes[s.class] ?? 0) + 1;
  const customers = scored
    .map((s) => ({ customer: s.key, name: names.get(s.key) ?? '', last: s.last, recencyDays: s.recencyDays, orders: s.frequency, spend: s.monetary, r: s.r, f: s.f, m: s.m, class: s.class, golden: s.golden }))
    .sort((a, b) => Number(b.golden) - Number(a.golden) || b.r + b.f + b.m - (a.r + a.f + a.m) || b.spend - a.spend);
  return { rows: rows.length, result: { asOf: day, customers: customers.slice(0, 2000), classes, golden: scored.filter((s) => s.golden).length, total: scored.length } };
};

/** Products bought together: each sold order's lines a basket, streamed in order of the order. */
const mineAssociations = async (work: JobWork, id: string, params: Record<string, number>) => {
  let lines = 0;
  const report = progress(work, id);
  const rows = streamRecords('order_line', { filter: SOLD, sort: 'sales_order', fields: ['sales_order', 'product'] }, work.run);
  const counted = (async function* () {
    for await (const r of rows) {
      if (++lines % PROGRESS_EVERY === 0) await report(lines);
      yield r;
    }
  })();
  const baskets = (async function* () {
    for await (const b of groupRuns(counted, (r) => (r.sales_order ? String(r.sales_order) : null), (r) => String(r.product ?? ''))) yield b.values.filter(Boolean);
  })();
  const found = await associationRules(baskets, { minSupport: params.minSupport, minConfidence: params.minConfidence, maxRules: 200 });
  const names = await namesOf(work, 'product', [...new Set(found.rules.flatMap((r) => [...r.antecedent, ...r.consequent]))]);
  const named = (ids: string[]) => ids.map((p) => ({ id: p, name: names.get(p) ?? '' }));
  return { rows: lines, result: { ...found, rules: found.rules.map((r) => ({ ...r, antecedent: named(r.antecedent), consequent: named(r.consequent) })) } };
};

/** What customers buy after what: each customer's sold orders in date order, each order the set of its products. */
const mineSequences = async (work: JobWork, id: string, params: Record<string, number>) => {
  let lines = 0;
  const report = progress(work, id);
  const rows = streamRecords('order_line', { filter: SOLD, sort: 'sales_order.customer,sales_order.order_date,sales_order', fields: ['sales_order', 'sales_order.customer', 'product'] }, work.run);
  const counted = (async function* () {
    for await (const r of rows) {
      if (++lines % PROGRESS_EVERY === 0) await report(lines);
      yield r;
    }
  })();
  const customerOf = (r: RecordData) => {
    const c = r['sales_order.customer'] ?? (r.sales_order as { customer?: unknown } | undefined)?.customer;
    return c ? String(c) : null;
  };
  const histories = (async function* () {
    for await (const c of groupRuns(counted, customerOf, (r) => r)) {
      const events: string[][] = [];
      for await (const o of groupRuns(c.values, (r) => String(r.sales_order), (r) => String(r.product ?? ''))) events.push(o.values.filter(Boolean));
      yield events;
    }
  })();
  const found = await sequencePatterns(histories, { minSupport: params.minSupport, maxLength: 3, maxPatterns: 100 });
  const names = await namesOf(work, 'product', [...new Set(found.patterns.flatMap((p) => p.steps))]);
  return { rows: lines, result: { ...found, patterns: found.patterns.map((p) => ({ ...p, steps: p.steps.map((s) => ({ id: s, name: names.get(s) ?? '' })) })) } };
};

/** The job: runs the analysis the run asks for as its owner, and stores the result or the failure on it. */
export const mineJob: JobDef = {
  name: 'mine',
  async run(data, work) {
    const id = String(data.run);
    const run = await work.run((ctx) => getRecord('mining_run', id, ctx));
    if (run.status === 'done') return;
    await work.run((ctx) => updateRecord('mining_run', id, { status: 'running', progress: 0 }, ctx));
    const params = (run.params ?? {}) as Record<string, number>;
    try {
      const out = run.kind === 'rfm' ? await mineRfm(work) : run.kind === 'associations' ? await mineAssociations(work, id, params) : await mineSequences(work, id, params);
      await work.run((ctx) => updateRecord('mining_run', id, { status: 'done', progress: out.rows, result: out.result, finished_at: new Date().toISOString() }, ctx));
    } catch (e) {
      await work.run((ctx) => updateRecord('mining_run', id, { status: 'failed', error: String((e as Error)?.message ?? e).slice(0, 1000), finished_at: new Date().toISOString() }, ctx));
    }
  },
};
