import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from './index.js';
import { recordsTenant, type Run } from './test-fixtures.js';

/** Two accounts with deals: north (Zed Corp) and south (Acme Trading). */
const seed = async (run: Run) =>
  run(async (ctx) => {
    const north = await createRecord('account', { name: 'Zed Corp', region: 'north', score: 10 }, ctx);
    const south = await createRecord('account', { name: 'Acme Trading', region: 'south', score: 30, notes: 'imports tea' }, ctx);
    const deal = (title: string, account: unknown, amount: number | null, stage: string, discount = 0) =>
      createRecord('deal', { title, account, amount, stage, discount }, ctx);
    await deal('n1', north.id, 100, 'won', 10);
    await deal('n2', north.id, 50, 'won');
    await deal('n3', north.id, 70, 'open');
    const gone = await deal('n4', north.id, 1000, 'won');
    await deleteRecord('deal', String(gone.id), ctx);
    await deal('s1', south.id, 20, 'lost', 5);
    await deal('s2', south.id, null, 'open');
    return { north: String(north.id), south: String(south.id) };
  });

describe('computed fields, projection, sort and search', () => {
  let db: Db;
  let run: Run;
  let ids: { north: string; south: string };
  beforeAll(async () => {
    db = await openTestDatabase();
    ({ run } = await recordsTenant(db));
    ids = await seed(run);
  });
  afterAll(async () => db?.close());

  it('computes roll-ups in SQL: sum with filter, count, avg, max; deleted children excluded', async () => {
    const north = await run((ctx) => getRecord('account', ids.north, ctx));
    expect(north).toMatchObject({ won_total: 150, deal_count: 3, max_amount: 100, label: 'Zed Corp (north)', double_score: 20 });
    expect(north.avg_amount).toBeCloseTo(220 / 3, 6);
    const south = await run((ctx) => getRecord('account', ids.south, ctx));
    expect(south).toMatchObject({ won_total: 0, deal_count: 2, avg_amount: 20, max_amount: 20 });
  });

  it('uses formulas and roll-ups in filters and sorts', async () => {
    const deals = await run((ctx) => listRecords('deal', { filter: { '>': [{ var: 'net' }, 40] }, sort: '-net' }, ctx));
    expect(deals.data.map((d) => [d.title, d.net])).toEqual([['n1', 90], ['n3', 70], ['n2', 50]]);
    const withRegion = await run((ctx) => listRecords('deal', { filter: { '==': [{ var: 'region_of_account' }, 'south'] }, sort: 'title' }, ctx));
    expect(withRegion.data.map((d) => d.title)).toEqual(['s1', 's2']);
    const rich = await run((ctx) => listRecords('account', { filter: { '>=': [{ var: 'won_total' }, 100] } }, ctx));
    expect(rich.data.map((a) => a.id)).toEqual([ids.north]);
    const byCount = await run((ctx) => listRecords('account', { sort: 'deal_count', fields: ['name', 'deal_count'] }, ctx));
    expect(byCount.data).toEqual([{ id: ids.south, name: 'Acme Trading', deal_count: 2 }, { id: ids.north, name: 'Zed Corp', deal_count: 3 }]);
  });

  it('projects and sorts through references (account.name), and filters on them', async () => {
    const page = await run((ctx) => listRecords('deal', { fields: ['title', 'account.name', 'account.won_total'], sort: 'account.name,-amount' }, ctx));
    // NULL counts as the largest value: first in a descending sort (s2 has no amount).
    expect(page.data.map((d) => [d['account.name'], d.title])).toEqual([
      ['Acme Trading', 's2'],
      ['Acme Trading', 's1'],
      ['Zed Corp', 'n1'],
      ['Zed Corp', 'n3'],
      ['Zed Corp', 'n2'],
    ]);
    expect(Object.keys(page.data[0]).sort()).toEqual(['account.name', 'account.won_total', 'id', 'title']);
    expect(page.data[4]['account.won_total']).toBe(150);
    const filtered = await run((ctx) => listRecords('deal', { filter: { starts_with: [{ var: 'account.name' }, 'zed'] } }, ctx));
    expect(filtered.data).toHaveLength(3);
    const one = await run(async (ctx) => {
      const d = (await listRecords('deal', { filter: { '==': [{ var: 'title' }, 's1'] } }, ctx)).data[0];
      return getRecord('deal', String(d.id), ctx, { fields: ['account.region', 'net'] });
    });
    expect(one).toMatchObject({ 'account.region': 'south', net: 15 });
  });

  it('keeps roll-ups current as children change', async () => {
    const fresh = await run(async (ctx) => {
      const d = (await listRecords('deal', { filter: { '==': [{ var: 'title' }, 'n3'] } }, ctx)).data[0];
      await updateRecord('deal', String(d.id), { stage: 'won' }, ctx);
      const acc = await getRecord('account', ids.north, ctx);
      await updateRecord('deal', String(d.id), { stage: 'open' }, ctx);
      return acc;
    });
    expect(fresh.won_total).toBe(220);
  });

  it('searches with q: words, substrings, search fields only, typos where pg_trgm exists', async () => {
    const q = (text: string) => run((ctx) => listRecords('account', { q: text, fields: ['name'] }, ctx)).then((r) => r.data.map((a) => a.name));
    expect(await q('acme')).toEqual(['Acme Trading']);
    expect(await q('trad')).toEqual(['Acme Trading']);
    expect(await q('tea')).toEqual(['Acme Trading']);
    expect(await q('50%_')).toEqual([]);
    expect(await q('Tradinq')).toEqual(['Acme Trading']);
    const deals = await run((ctx) => listRecords('deal', { q: 'n1' }, ctx));
    expect(deals.data.map((d) => d.title)).toEqual(['n1']);
  });
});
