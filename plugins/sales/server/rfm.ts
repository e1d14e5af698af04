import { aggregateRecords, daysBetween, listRecords, rfmScores, streamRecords, updateRecord, withSystemRights, type JobWork } from '../../../core/index.js';
import { SOLD_STATES, today } from './shared.js';

/**
 * RFM scores, classes and golden customers from one aggregate of sold orders by customer
 * and day (under the reader's row scope). Golden = high value and stable: core's golden
 * score (top frequency and spend, not gone quiet) and a sold order in each of the last
 * GOLDEN_QUARTERS quarters (91-day spans back from today).
 */
export const GOLDEN_QUARTERS = 4;
const QUARTER_DAYS = 91;
const SOLD_ORDER = { in: [{ var: 'status' }, [...SOLD_STATES]] };

type Run = JobWork['run'];

export interface RfmCustomer {
  customer: string;
  name: string;
  last: string;
  recencyDays: number;
  orders: number;
  spend: number;
  r: number;
  f: number;
  m: number;
  class: string;
  golden: boolean;
}

/** Names of referenced records the reader may read (id → name); the rest stay unnamed. */
export const namesOf = async (run: Run, entity: string, ids: string[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const page = await run((ctx) => listRecords(entity, { filter: { in: [{ var: 'id' }, ids.slice(i, i + 500)] }, fields: ['name'], limit: 500 }, ctx));
    for (const r of page.data) out.set(String(r.id), String(r.name ?? ''));
  }
  return out;
};

/** Every customer's RFM figures, class and golden flag, best first; `rows` is how many aggregate rows were read. */
export const scoreCustomers = async (run: Run): Promise<{ asOf: string; rows: number; customers: RfmCustomer[] }> => {
  const answer = await run((ctx) =>
    aggregateRecords({ entity: 'sales_order', groupBy: ['customer', { field: 'order_date', granularity: 'day' }], filter: SOLD_ORDER, measures: [{ name: 'orders', aggregate: 'count' }, { name: 'spend', aggregate: 'sum', field: 'total' }], limit: 500_000 } as never, ctx),
  );
  const day = await run(async (ctx) => today(ctx));
  const dateKey = answer.columns.find((c) => c.field === 'order_date')?.key ?? 'order_date';
  const byCustomer = new Map<string, { key: string; last: string; frequency: number; monetary: number; quarters: Set<number> }>();
  for (const r of answer.rows) {
    if (!r.customer || !r[dateKey]) continue;
    const key = String(r.customer);
    const date = String(r[dateKey]).slice(0, 10);
    const c = byCustomer.get(key) ?? { key, last: date, frequency: 0, monetary: 0, quarters: new Set<number>() };
    if (date > c.last) c.last = date;
    c.frequency += Number(r.orders);
    c.monetary += Number(r.spend ?? 0);
    c.quarters.add(Math.max(0, Math.floor(daysBetween(date, day) / QUARTER_DAYS)));
    byCustomer.set(key, c);
  }
  const rows = [...byCustomer.values()];
  const stable = (key: string) => Array.from({ length: GOLDEN_QUARTERS }, (_, q) => q).every((q) => byCustomer.get(key)?.quarters.has(q));
  const scored = rfmScores(rows.map(({ quarters: _q, ...x }) => x), day);
  const names = await namesOf(run, 'customer', scored.map((s) => s.key));
  const customers = scored
    .map((s) => ({ customer: s.key, name: names.get(s.key) ?? '', last: s.last, recencyDays: s.recencyDays, orders: s.frequency, spend: s.monetary, r: s.r, f: s.f, m: s.m, class: s.class, golden: s.golden && stable(s.key) }))
    .sort((a, b) => Number(b.golden) - Number(a.golden) || b.r + b.f + b.m - (a.r + a.f + a.m) || b.spend - a.spend);
  return { asOf: day, rows: answer.rows.length, customers };
};

/** How many customers fall in each class, and how many are golden. */
export const summarise = (customers: RfmCustomer[]) => {
  const classes: Record<string, number> = {};
  for (const c of customers) classes[c.class] = (classes[c.class] ?? 0) + 1;
  return { classes, golden: customers.filter((c) => c.golden).length, total: customers.length };
};

/** Customers written per transaction: a company-wide refresh never holds one long transaction. */
const WRITE_BATCH = 200;

/**
 * Writes each customer's class and golden flag (with system rights: the fields are read
 * only), clearing them on customers who no longer have a sold order. Only changed
 * customers are written, WRITE_BATCH per transaction of `run`. Answers how many were.
 */
export const storeOnCustomers = async (run: Run, customers: RfmCustomer[]): Promise<number> => {
  const next = new Map(customers.map((c) => [c.customer, { rfm_class: c.class, golden: c.golden }]));
  const changes: { id: string; patch: { rfm_class: string | null; golden: boolean } }[] = [];
  const note = (id: string, patch: { rfm_class: string | null; golden: boolean }, old: { rfm_class?: unknown; golden?: unknown }) => {
    if ((old.rfm_class ?? null) !== patch.rfm_class || Boolean(old.golden) !== patch.golden) changes.push({ id, patch });
  };
  const seen = new Set<string>();
  const classified = streamRecords('customer', { filter: { '!=': [{ var: 'rfm_class' }, null] }, sort: 'id', fields: ['rfm_class', 'golden'] }, (fn) => run((ctx) => fn(withSystemRights(ctx))));
  for await (const r of classified) {
    const id = String(r.id);
    seen.add(id);
    note(id, next.get(id) ?? { rfm_class: null, golden: false }, r);
  }
  for (const [id, patch] of next) if (!seen.has(id)) note(id, patch, {});
  for (let i = 0; i < changes.length; i += WRITE_BATCH) {
    const batch = changes.slice(i, i + WRITE_BATCH);
    await run(async (ctx) => {
      const sys = withSystemRights(ctx);
      for (const c of batch) await updateRecord('customer', c.id, c.patch, sys);
    });
  }
  return changes.length;
};
