import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { planSchema, syncSchema } from '../schema/index.js';
import { searchPredicate } from './search-predicate.js';
import { searchEverywhere, searchEverywhereSql } from './search-everywhere.js';
import { metaOf, recordsTenant } from './test-fixtures.js';
import { MAIN } from './record-scope.js';

/** Companies with a name, a city and a code; the code is not searched. */
const company: EntityDocument = {
  kind: 'entity',
  name: 'company',
  titleField: 'name',
  searchFields: ['name', 'city'],
  fields: { name: { type: 'text', required: true }, city: { type: 'text' }, code: { type: 'text' }, size: { type: 'integer' } },
};
const ROWS = 20_000;

/** Search reads pg_trgm indexes that schema sync makes from metadata, on both backends. */
describe('substring search uses trigram indexes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('makes a trigram index per searched text column and no other', async () => {
    const { run } = await recordsTenant(db, metaOf([company], []));
    const indexes = await run(async ({ db: trx }) =>
      (await trx.raw(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'company' and indexdef like '%gin_trgm_ops%' order by indexname`)).rows as { indexname: string; indexdef: string }[],
    );
    expect(indexes.map((i) => i.indexname)).toEqual(['company__city__trgm', 'company__name__trgm']);
  });

  it('answers a search everywhere and a list search from the index on a large table', async () => {
    const { run } = await recordsTenant(db, metaOf([company], []));
    await run(async ({ db: trx }) => {
      await trx.raw(
        `insert into company (id, name, city, code, size)
         select gen_random_uuid(), 'Company ' || g || ' ' || md5(g::text), 'City ' || (g % 500), md5((g * 7)::text), g
         from generate_series(1, ?) g`,
        [ROWS],
      );
      await trx('company').insert({ id: '01930000-0000-7000-8000-00000000c0de', name: 'Zhengqi Harbour Works', city: 'Ningbo' });
      // Rows written after an index was made wait in GIN's pending list until autovacuum merges them: merge now.
      await trx.raw(`select gin_clean_pending_list(indexrelid) from pg_index where indrelid = 'company'::regclass and indexrelid::regclass::text like '%trgm'`);
      await trx.raw('analyze company');
    });
    await run(async (ctx) => {
      const statement = searchEverywhereSql('qi harbo', {}, ctx);
      expect(statement).toBeDefined();
      const plan = (await ctx.db.raw(`explain ${statement!.sql}`, statement!.bindings as never[])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Bitmap Index Scan on company__name__trgm/);
      expect(plan).toMatch(/Bitmap Index Scan on company__city__trgm/);
      expect(plan).not.toMatch(/Seq Scan on company/);
      const found = await searchEverywhere('qi harbo', {}, ctx);
      expect(found).toEqual([{ entity: 'company', records: [{ id: '01930000-0000-7000-8000-00000000c0de', title: 'Zhengqi Harbour Works', detail: null }], more: false }]);

      const q = await searchPredicate(company, 'harbour wor', ctx);
      const listPlan = (await ctx.db.raw(`explain select id from company as ${MAIN} where ${q!.sql}`, q!.bindings as never[])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(listPlan).toMatch(/Index Scan on company__name__trgm/);
    });
  });

  it('drops the index of a field search no longer reads, and keeps the others', async () => {
    const { run } = await recordsTenant(db, metaOf([company], []));
    const narrower = metaOf([{ ...company, searchFields: ['name'] }], []);
    const names = await run(async ({ db: trx }) => {
      await syncSchema(trx, narrower);
      return ((await trx.raw(`select indexname from pg_indexes where schemaname = current_schema() and tablename = 'company' and indexdef like '%gin_trgm_ops%' order by indexname`)).rows as { indexname: string }[]).map((r) => r.indexname);
    });
    expect(names).toEqual(['company__name__trgm']);
    await run(async ({ db: trx }) => expect((await planSchema(trx, narrower)).steps).toEqual([]));
  });
});
