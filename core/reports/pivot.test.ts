import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import type { MetadataDocument } from '../metadata/types.js';
import { createRecord } from '../records/index.js';
import { fixtureMeta, recordsTenant, rejection } from '../records/test-fixtures.js';
import type { Actor, RecordContext } from '../records/types.js';
import { pivotWorkbook, runPivot, type PivotAnswer } from './index.js';

const deals = {
  kind: 'report', name: 'deals', label: { en: 'Deals', 'zh-CN': '交易' }, entity: 'deal',
  dimensions: [
    { name: 'time', label: { en: 'Start', 'zh-CN': '开始' }, type: 'time', field: 'starts_on' },
    { name: 'fy', label: { en: 'Fiscal', 'zh-CN': '财年' }, type: 'time', field: 'starts_on', fiscal: true },
    { name: 'region', label: { en: 'Region', 'zh-CN': '地区' }, type: 'levels', levels: [{ name: 'region', field: 'account.region' }, { name: 'account', field: 'account.name' }] },
    { name: 'org', label: { en: 'Organisation', 'zh-CN': '组织' }, type: 'organisation' },
  ],
  measures: [{ name: 'amount', aggregate: 'sum', field: 'amount' }, { name: 'deals', aggregate: 'count' }, { name: 'secret', aggregate: 'sum', field: 'discount' }],
};
const seller = {
  kind: 'role', name: 'seller', label: { en: 'Seller', 'zh-CN': '销售' },
  entities: { deal: { read: 'own', fields: { discount: 'hidden' } }, account: { read: 'all' } },
};

/** The cells as "row|col" → amount, for hand-computed comparisons. */
const amounts = (p: PivotAnswer) => Object.fromEntries(p.cells.map((c) => [`${c.row.join('/')}|${c.col.join('/')}`, c.values.amount]));

describe('pivot', () => {
  let db: Db;
  let admin: <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  let as: (actor: Actor) => <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  const rep: Actor = { id: uuidv7(), name: 'Rep', roles: ['seller'], team: 'west', isAdmin: false };
  const ann = uuidv7();

  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = fixtureMeta();
    meta.documents.report.deals = deals as unknown as MetadataDocument;
    meta.documents.role.seller = seller as unknown as MetadataDocument;
    const t = await recordsTenant(db, meta);
    admin = t.run;
    as = (actor) => (fn) => withTenant(db.knex, t.tenant, (trx) => fn({ db: trx, meta, actor }));
    await admin(async (ctx) => {
      await ctx.db('_users').insert([{ id: rep.id, team: 'west' }, { id: ann, team: 'east' }]);
      await ctx.db('_settings').insert({ id: 1, doc: { fiscalYearStart: 4 }, version: 1 }).onConflict('id').merge();
      const north = await createRecord('account', { name: 'North Co', region: 'north' }, ctx);
      const south = await createRecord('account', { name: 'South Co', region: 'south' }, ctx);
      const deal = (title: string, account: unknown, amount: number, stage: string, starts_on: string, owner: string) =>
        createRecord('deal', { title, account, amount, stage, starts_on, owner_id: owner, discount: 1 }, ctx);
      await deal('n1', north.id, 100, 'won', '2024-01-15', ann);
      await deal('n2', north.id, 50, 'won', '2024-02-01', rep.id);
      await deal('n3', north.id, 70, 'open', '2024-02-20', rep.id);
      await deal('s1', south.id, 20, 'lost', '2024-04-02', ann);
      await deal('s2', south.id, 30, 'won', '2024-04-03', ann);
    });
  });
  afterAll(async () => db?.close());

  it('crosses time down to quarters with regions, with every subtotal and the total in one statement', async () => {
    const p = await admin((ctx) => runPivot('deals', { rows: ['time:quarter'], columns: ['region'], measures: ['amount', 'deals'] }, ctx));
    expect(p.rows.map((r) => r.key)).toEqual(['time.year', 'time.quarter']);
    expect(p.columns.map((r) => r.key)).toEqual(['region.region']);
    expect(p.cells.map((c) => [c.row.join('/'), c.col.join('/'), c.values.amount, c.values.deals])).toEqual([
      ['2024/2024-Q1', 'north', 220, 3],
      ['2024/2024-Q1', '', 220, 3],
      ['2024/2024-Q2', 'south', 50, 2],
      ['2024/2024-Q2', '', 50, 2],
      ['2024', 'north', 220, 3],
      ['2024', 'south', 50, 2],
      ['2024', '', 270, 5],
      ['', 'north', 220, 3],
      ['', 'south', 50, 2],
      ['', '', 270, 5],
    ]);
    expect(p.dimensions.find((d) => d.name === 'time')!.levels.map((l) => l.key)).toEqual(['time.year', 'time.quarter', 'time.month', 'time.week', 'time.day']);
  });

  it('drills down into one member and rolls up again, and swaps the axes', async () => {
    const down = await admin((ctx) => runPivot('deals', { rows: ['region:account', 'time:month'], drill: { 'region.region': 'north' }, measures: ['amount'] }, ctx));
    expect(amounts(down)).toEqual({
      'north/North Co/2024/2024-Q1/2024-01|': 100,
      'north/North Co/2024/2024-Q1/2024-02|': 120,
      'north/North Co/2024/2024-Q1|': 220,
      'north/North Co/2024|': 220,
      'north/North Co|': 220,
      'north|': 220,
      '|': 220,
    });
    const up = await admin((ctx) => runPivot('deals', { columns: ['time'], rows: ['region'], measures: ['amount'] }, ctx));
    expect(amounts(up)).toEqual({ 'north|2024': 220, 'north|': 220, 'south|2024': 50, 'south|': 50, '|2024': 270, '|': 270 });
    const swapped = await admin((ctx) => runPivot('deals', { rows: ['time'], columns: ['region'], measures: ['amount'] }, ctx));
    expect(amounts(swapped)).toEqual({ '2024|north': 220, '2024|south': 50, '2024|': 270, '|north': 220, '|south': 50, '|': 270 });
  });

  it('cuts fiscal years at the settings\' start month and groups by the owner\'s team', async () => {
    const fy = await admin((ctx) => runPivot('deals', { rows: ['fy:quarter'], measures: ['amount'] }, ctx));
    expect(amounts(fy)).toEqual({ 'FY2023/FY2023-Q4|': 220, 'FY2023|': 220, 'FY2024/FY2024-Q1|': 50, 'FY2024|': 50, '|': 270 });
    const org = await admin((ctx) => runPivot('deals', { rows: ['org:owner'], measures: ['amount'] }, ctx));
    expect(amounts(org)).toEqual({ [`east/${ann}|`]: 150, 'east|': 150, [`west/${rep.id}|`]: 120, 'west|': 120, '|': 270 });
    const byStage = await admin((ctx) => runPivot('deals', { rows: ['stage'], measures: ['deals'] }, ctx));
    expect(byStage.cells.map((c) => [c.row[0] ?? 'total', c.values.deals])).toEqual([['lost', 1], ['open', 1], ['won', 3], ['total', 5]]);
  });

  it('counts only what the actor may read, and refuses hidden fields and unknown levels', async () => {
    const mine = await as(rep)((ctx) => runPivot('deals', { rows: ['time:quarter'], columns: ['org'], measures: ['amount', 'deals'] }, ctx));
    expect(amounts(mine)).toEqual({ '2024/2024-Q1|west': 120, '2024/2024-Q1|': 120, '2024|west': 120, '2024|': 120, '|west': 120, '|': 120 });
    expect((await rejection(as(rep)((ctx) => runPivot('deals', { rows: ['time'] }, ctx)))).status).toBe(400);
    expect((await rejection(admin((ctx) => runPivot('deals', { rows: ['time:hour'] }, ctx)))).details.errors?.[0].code).toBe('UNKNOWN_LEVEL');
    expect((await rejection(admin((ctx) => runPivot('deals', { rows: ['time'], columns: ['time:month'] }, ctx)))).details.errors?.[0].code).toBe('DUPLICATE_DIMENSION');
    expect((await rejection(admin((ctx) => runPivot('deals', { rows: ['colour'] }, ctx)))).status).toBe(400);
  });

  it('labels owners with their names for a rep too, asking only for the owners shown', async () => {
    const asked: string[][] = [];
    const names = async (ids: string[]) => {
      asked.push(ids);
      return new Map(ids.map((id) => [id, id === rep.id ? 'Rep Name' : 'Ann Name']));
    };
    const mine = await as(rep)((ctx) => runPivot('deals', { rows: ['org:owner'], measures: ['amount'] }, ctx, names));
    expect(asked).toEqual([[rep.id]]);
    expect(mine.valueLabels['org.owner']).toEqual({ [rep.id]: { en: 'Rep Name', 'zh-CN': 'Rep Name' } });
    const byField = await admin((ctx) => runPivot('deals', { rows: ['owner_id'], measures: ['amount'] }, ctx, names));
    expect(byField.valueLabels.owner_id).toEqual({ [rep.id]: { en: 'Rep Name', 'zh-CN': 'Rep Name' }, [ann]: { en: 'Ann Name', 'zh-CN': 'Ann Name' } });
  });

  it('writes the crosstab to Excel with labelled subtotals', async () => {
    const p = await admin((ctx) => runPivot('deals', { rows: ['time:quarter'], columns: ['region'], measures: ['amount'] }, ctx));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await pivotWorkbook(p, 'en')) as never);
    const lines = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(lines).toEqual([
      ['Year', 'Quarter', 'north · amount', 'south · amount', 'Total · amount'],
      ['2024', '2024-Q1', 220, undefined, 220],
      ['2024', '2024-Q2', undefined, 50, 50],
      ['2024', 'Total', 220, 50, 270],
      ['Total', undefined, 220, 50, 270],
    ]);
  });
});
