import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from './connect.js';
import { openTestDatabase } from './test-database.js';

let db: Db;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

it('reads values in one JSON shape on either backend', async () => {
  const { rows } = await db.knex.raw(
    `select 7.5::numeric(18,4) as n, 3::int8 as b, '2024-01-02'::date as d, '2024-01-02 03:04:05+00'::timestamptz as t, null::numeric as z`,
  );
  expect(rows[0]).toEqual({ n: 7.5, b: 3, d: '2024-01-02', t: '2024-01-02T03:04:05.000Z', z: null });
});

it('has pg_trgm installed by the engine migration', async () => {
  const { rows } = await db.knex.raw(`select crm_ext.similarity('上海华信', '上海华信科技') > 0 as ok`);
  expect(rows[0].ok).toBe(true);
});
