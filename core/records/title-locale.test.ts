import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { createRecord } from './create-record.js';
import { noteRecentView, recentViews } from './recent-views.js';
import { searchEverywhere } from './search-everywhere.js';
import { metaOf, recordsTenant, testActor } from './test-fixtures.js';

/** Groups named in English by their title field and in Chinese by a second field; the code names them for machines. */
const group: EntityDocument = {
  kind: 'entity',
  name: 'crew',
  titleField: 'label',
  localeTitleFields: { 'zh-CN': 'label_zh' },
  searchFields: ['label', 'label_zh', 'code'],
  fields: { code: { type: 'text', required: true }, label: { type: 'text' }, label_zh: { type: 'text' } },
};

describe('titles in the reader’s language', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('titles search results and recently viewed records by the language’s field, the title field where a record has none', async () => {
    const { run } = await recordsTenant(db, metaOf([group], []), testActor({ isAdmin: true }));
    const east = await run((ctx) => createRecord('crew', { code: 'crew_east', label: 'East crew', label_zh: '华东组' }, ctx));
    const north = await run((ctx) => createRecord('crew', { code: 'crew_north', label: 'North crew', label_zh: '' }, ctx));
    const titles = async (locale?: string) =>
      (await run((ctx) => searchEverywhere('crew', { locale }, ctx))).flatMap((g) => g.records.map((r) => r.title)).sort();
    expect(await titles()).toEqual(['East crew', 'North crew']);
    expect(await titles('en')).toEqual(['East crew', 'North crew']);
    expect(await titles('zh-CN')).toEqual(['North crew', '华东组']);

    await run((ctx) => noteRecentView('crew', String(east.id), ctx));
    await run((ctx) => noteRecentView('crew', String(north.id), ctx));
    const recent = async (locale?: string) => (await run((ctx) => recentViews({ locale }, ctx))).map((r) => r.title).sort();
    expect(await recent('zh-CN')).toEqual(['North crew', '华东组']);
    expect(await recent('en')).toEqual(['East crew', 'North crew']);
  });
});
