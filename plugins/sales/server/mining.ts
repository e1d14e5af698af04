import {
  associationRules,
  badRequest,
  groupRuns,
  sequencePatterns,
  streamRecords,
  updateRecord,
  type JobWork,
  type PluginRouteDef,
  type RecordData,
} from '../../../core/index.js';
import { namesOf, scoreCustomers, summarise } from './rfm.js';
import { SOLD_STATES } from './shared.js';

/**
 * Data mining over the sales (D8), wired to core's mining primitives: which rows (sold
 * orders and their lines), which fields (customer, product, date, total). A run is a
 * `mining_run` record of the person who asked; the job reads as them (their row scope),
 * so a rep mines only what they may read, and the result is stored on the run.
 */
const KINDS = ['rfm', 'associations', 'sequences'] as const;
type Kind = (typeof KINDS)[number];
const SOLD = { in: [{ var: 'sales_order.status' }, [...SOLD_STATES]] };
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

/**
 * GET /api/x/sales/mining?kind=: the caller's latest runs, newest first (result included),
 * and with a kind the latest company-wide (nightly) run of it the caller may read, without
 * its result: its status and progress.
 */
export const listMining: PluginRouteDef = {
  method: 'GET',
  path: '/mining',
  async handler(req, ctx) {
    const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
    if (kind !== undefined && !KINDS.includes(kind as Kind)) throw badRequest(`"kind" must be one of ${KINDS.join(', ')}`);
    const mine = { '==': [{ var: 'owner_id' }, ctx.actor.id] };
    const ofKind = { '==': [{ var: 'kind' }, kind] };
    const page = await ctx.records.list('mining_run', { filter: kind ? { and: [mine, ofKind] } : mine, sort: '-created_at', limit: 10 });
    if (!kind) return { data: page.data };
    const wide = await ctx.records.list('mining_run', { filter: { and: [{ '==': [{ var: 'tenant_wide' }, true] }, ofKind] }, sort: '-created_at', limit: 1, fields: ['kind', 'status', 'progress', 'finished_at', 'created_at'] });
    return { data: page.data, nightly: wide.data[0] ?? null };
  },
};

const progress = (work: JobWork, id: string) => (n: number) => work.run(async (ctx) => void (await updateRecord('mining_run', id, { progress: n }, ctx)));
const productNames = (work: JobWork, ids: string[]) => namesOf(work.run, 'product', ids);

/** Customers' RFM scores, classes and golden customers (the reader's customers only). */
const mineRfm = async (work: JobWork) => {
  const scored = await scoreCustomers(work.run);
  return { rows: scored.rows, result: { asOf: scored.asOf, customers: scored.customers.slice(0, 2000), ...summarise(scored.customers) } };
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
  const names = await productNames(work, [...new Set(found.rules.flatMap((r) => [...r.antecedent, ...r.consequent]))]);
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
  const names = await productNames(work, [...new Set(found.patterns.flatMap((p) => p.steps))]);
  return { rows: lines, result: { ...found, patterns: found.patterns.map((p) => ({ ...p, steps: p.steps.map((s) => ({ id: s, name: names.get(s) ?? '' })) })) } };
};

/** Runs the analysis a run asks for, as `work`'s actor; answers the rows read and the result. */
export const analyse = (kind: unknown, work: JobWork, id: string, params: Record<string, number>): Promise<{ rows: number; result: Record<string, unknown> }> =>
  kind === 'rfm' ? mineRfm(work) : kind === 'associations' ? mineAssociations(work, id, { minSupport: 0.01, minConfidence: 0.2, ...params }) : mineSequences(work, id, { minSupport: 0.02, ...params });
