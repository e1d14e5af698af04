import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { duplicatePairs, pairsSql } from './find-duplicates.js';
import { hasTrigrams, trigramThreshold, usableRules } from './duplicate-rules.js';
import { metaOf, recordsTenant } from './test-fixtures.js';

/** Firms compared by a similar name and a phone; the name is not the title, nor searched. */
const firm: EntityDocument = {
  kind: 'entity',
  name: 'firm',
  titleField: 'code',
  searchFields: ['code'],
  fields: { code: { type: 'text' }, name: { type: 'text', required: true }, phone: { type: 'phone' } },
  duplicateRules: [
    { field: 'name', match: 'similar', threshold: 0.6 },
    { field: 'phone', match: 'phone' },
  ],
};
const ROWS = 5_000;
/** A made-up word of `n` letters, different per row and salt (names of a real list share few trigrams). */
const word = (salt: string, n: number) => `(select string_agg(chr(97 + get_byte(decode(md5(g::text || '${salt}' || i::text), 'hex'), 0) % 26), '') from generate_series(1, ${n}) i)`;

/** The duplicate review reads the trigram index of a `similar` rule's field instead of comparing every pair of rows. */
describe('duplicate pairs use the trigram index', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('indexes a similar rule’s field, plans its pairs from the index and finds the pairs on a large table', async () => {
    const { run } = await recordsTenant(db, metaOf([firm], []));
    await run(async ({ db: trx }) => {
      const indexes = (await trx.raw(`select indexname from pg_indexes where schemaname = current_schema() and tablename = 'firm' and indexdef like '%gin_trgm_ops%' order by indexname`)).rows as { indexname: string }[];
      expect(indexes.map((i) => i.indexname)).toEqual(['firm__code__trgm', 'firm__name__trgm']);
      await trx.raw(
        `insert into firm (id, code, name, phone)
         select gen_random_uuid(), 'F' || g, ${word('x', 9)} || ' ' || ${word('y', 7)} || ' Co', '+86 10 ' || lpad(g::text, 8, '0')
         from generate_series(1, ?) g`,
        [ROWS],
      );
      await trx('firm').insert([
        { id: '01930000-0000-7000-8000-00000000000a', code: 'A', name: 'Ningbo Harbour Logistics Company', phone: '0574 1111 2222' },
        { id: '01930000-0000-7000-8000-00000000000b', code: 'B', name: 'Ningbo Harbor Logistics Company', phone: '0574 3333 4444' },
        { id: '01930000-0000-7000-8000-00000000000c', code: 'C', name: 'Zhoushan Fisheries', phone: '+86 574 3333-4444' },
      ]);
      await trx.raw(`select gin_clean_pending_list(indexrelid) from pg_index where indrelid = 'firm'::regclass and indexrelid::regclass::text like '%trgm'`);
      await trx.raw('analyze firm');
    });
    await run(async (ctx) => {
      expect(await hasTrigrams(ctx)).toBe(true);
      const rules = usableRules(firm, ctx);
      await ctx.db.raw(`select set_config('pg_trgm.similarity_threshold', ?, true)`, [String(trigramThreshold(rules))]);
      const { sql, bindings } = pairsSql('firm', rules, true, ctx);
      const plan = (await ctx.db.raw(`explain ${sql} limit 25`, bindings as never[])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan on firm__name__trgm/);
      // The phone arm joins normalised digits by hashing, not row by row.
      expect(plan).toMatch(/Hash Join/);
      const started = Date.now();
      const pairs = await duplicatePairs('firm', ctx, { limit: 10 });
      const took = Date.now() - started;
      expect(pairs.data.map((p) => [[p.a.code, p.b.code].sort().join(''), p.matched.map((m) => m.field)])).toEqual([['BC', ['phone']], ['AB', ['name']]]);
      expect(pairs.nextOffset).toBeNull();
      expect(took).toBeLessThan(20_000);
    });
  });
});
