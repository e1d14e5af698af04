import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import type { MetadataDocument } from '../metadata/types.js';
import { createRecord, listRecords } from '../records/index.js';
import { fixtureMeta, recordsTenant, rejection } from '../records/test-fixtures.js';
import type { Actor, RecordContext } from '../records/types.js';
import { previewReport, runReport } from './index.js';

const reports = {
  won_by_region: {
    kind: 'report', name: 'won_by_region', label: { en: 'Won by region', 'zh-CN': '各地区赢单' }, entity: 'deal',
    filter: { '!=': [{ var: 'stage' }, 'lost'] },
    groupBy: ['account.region', 'stage'],
    measures: [{ name: 'deals', aggregate: 'count' }, { name: 'amount', aggregate: 'sum', field: 'amount' }, { aggregate: 'max', field: 'amount' }],
    sort: [{ field: 'amount', direction: 'desc' }],
  },
  by_month: {
    kind: 'report', name: 'by_month', label: { en: 'By month', 'zh-CN': '按月' }, entity: 'deal',
    groupBy: [{ field: 'starts_on', granularity: 'month' }], measures: [{ name: 'deals', aggregate: 'count' }, { name: 'accounts', aggregate: 'count_distinct', field: 'account' }],
  },
  by_quarter: {
    kind: 'report', name: 'by_quarter', label: { en: 'By quarter', 'zh-CN': '按季度' }, entity: 'deal',
    groupBy: [{ field: 'starts_on', granularity: 'quarter' }], measures: [{ name: 'avg', aggregate: 'avg', field: 'amount' }],
  },
  secret: {
    kind: 'report', name: 'secret', label: { en: 'Secret', 'zh-CN': '机密' }, entity: 'deal', groupBy: ['stage'], measures: [{ name: 'discounts', aggregate: 'sum', field: 'discount' }],
  },
};
const seller = {
  kind: 'role', name: 'seller', label: { en: 'Seller', 'zh-CN': '销售' },
  entities: { deal: { create: true, read: 'own', update: 'own', fields: { discount: 'hidden' } }, account: { create: true, read: 'all' } },
};

describe('reports', () => {
  let db: Db;
  let admin: <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  let as: (actor: Actor) => <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  const rep: Actor = { id: uuidv7(), name: 'Rep', roles: ['seller'], team: null, isAdmin: false };

  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = fixtureMeta();
    for (const r of Object.values(reports)) meta.documents.report[r.name] = r as unknown as MetadataDocument;
    meta.documents.role.seller = seller as unknown as MetadataDocument;
    const t = await recordsTenant(db, meta);
    admin = t.run;
    as = (actor) => (fn) => withTenant(db.knex, t.tenant, (trx) => fn({ db: trx, meta, actor }));
    await admin(async (ctx) => {
      const north = await createRecord('account', { name: 'North Co', region: 'north' }, ctx);
      const south = await createRecord('account', { name: 'South Co', region: 'south' }, ctx);
      const deal = (title: string, account: unknown, amount: number, stage: string, starts_on: string, owner?: string) =>
        createRecord('deal', { title, account, amount, stage, starts_on, ...(owner && { owner_id: owner }) }, ctx);
      await deal('n1', north.id, 100, 'won', '2024-01-15');
      await deal('n2', north.id, 50, 'won', '2024-02-01', rep.id);
      await deal('n3', north.id, 70, 'open', '2024-02-20', rep.id);
      await deal('s1', south.id, 20, 'lost', '2024-04-02');
      await deal('s2', south.id, 30, 'won', '2024-04-03');
    });
  });
  afterAll(async () => db?.close());

  it('groups, aggregates and sorts in one query, through references', async () => {
    const a = await admin((ctx) => runReport('won_by_region', {}, ctx));
    expect(a.columns.map((c) => c.key)).toEqual(['account.region', 'stage', 'deals', 'amount', 'max_amount']);
    expect(a.rows).toEqual([
      { 'account.region': 'north', stage: 'won', deals: 2, amount: 150, max_amount: 100 },
      { 'account.region': 'north', stage: 'open', deals: 1, amount: 70, max_amount: 70 },
      { 'account.region': 'south', stage: 'won', deals: 1, amount: 30, max_amount: 30 },
    ]);
  });

  it('buckets dates by month and quarter, and each row names the filter that lists its records', async () => {
    const m = await admin((ctx) => runReport('by_month', {}, ctx));
    expect(m.rows).toEqual([
      { starts_on_month: '2024-01', deals: 1, accounts: 1 },
      { starts_on_month: '2024-02', deals: 2, accounts: 1 },
      { starts_on_month: '2024-04', deals: 2, accounts: 1 },
    ]);
    const feb = await admin((ctx) => listRecords('deal', { filter: m.drillFilters[1], sort: 'title', fields: ['title'] }, ctx));
    expect(feb.data.map((d) => d.title)).toEqual(['n2', 'n3']);
    const q = await admin((ctx) => runReport('by_quarter', {}, ctx));
    expect(q.rows).toEqual([{ starts_on_quarter: '2024-Q1', avg: 220 / 3 }, { starts_on_quarter: '2024-Q2', avg: 25 }]);
  });

  it('drills down to one cell and adds a caller filter', async () => {
    const d = await admin((ctx) => runReport('won_by_region', { drill: { 'account.region': 'north', stage: 'won' } }, ctx));
    expect(d.rows).toEqual([{ 'account.region': 'north', stage: 'won', deals: 2, amount: 150, max_amount: 100 }]);
    const f = await admin((ctx) => runReport('by_month', { filter: { '>=': [{ var: 'amount' }, 60] } }, ctx));
    expect(f.rows.map((r) => r.deals)).toEqual([1, 1]);
    expect((await rejection(admin((ctx) => runReport('won_by_region', { drill: { colour: 'red' } }, ctx)))).status).toBe(400);
    expect((await rejection(admin((ctx) => runReport('nothing', {}, ctx)))).status).toBe(404);
  });

  it('counts only what the actor may read, and refuses a report over a hidden field', async () => {
    const mine = await as(rep)((ctx) => runReport('won_by_region', {}, ctx));
    expect(mine.rows).toEqual([
      { 'account.region': 'north', stage: 'open', deals: 1, amount: 70, max_amount: 70 },
      { 'account.region': 'north', stage: 'won', deals: 1, amount: 50, max_amount: 50 },
    ]);
    expect((await rejection(as(rep)((ctx) => runReport('secret', {}, ctx)))).status).toBe(400);
    const nobody: Actor = { id: uuidv7(), name: 'Nobody', roles: [], team: null, isAdmin: false };
    expect((await rejection(as(nobody)((ctx) => runReport('by_month', {}, ctx)))).status).toBe(403);
  });

  it('previews a draft report: the latest date per group as a date, null over no rows, and 400 naming what is wrong', async () => {
    const draft = { kind: 'report', name: 'draft', label: { en: 'Draft', 'zh-CN': '草稿' }, entity: 'deal', groupBy: ['stage'], measures: [{ name: 'latest', aggregate: 'max', field: 'starts_on' }] };
    const a = await admin((ctx) => previewReport(draft, ctx));
    expect(a.columns.at(-1)).toEqual({ key: 'latest', kind: 'measure', type: 'date' });
    expect(a.rows).toEqual([
      { stage: 'lost', latest: '2024-04-02' },
      { stage: 'open', latest: '2024-02-20' },
      { stage: 'won', latest: '2024-04-03' },
    ]);
    const none = await admin((ctx) => previewReport({ ...draft, groupBy: [], filter: { '==': [{ var: 'stage' }, 'nowhere'] } }, ctx));
    expect(none.rows).toEqual([{ latest: null }]);
    const bad = await rejection(admin((ctx) => previewReport({ ...draft, measures: [{ aggregate: 'median', field: 'amount' }] }, ctx)));
    expect(bad.status).toBe(400);
    expect(bad.details.errors?.map((e) => e.field)).toContain('report/measures/0/aggregate');
  });
});
