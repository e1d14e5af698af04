import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, listRecords } from './index.js';
import { recordsTenant } from './test-fixtures.js';

describe('keyset paging and auto-numbers', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('pages through a sort on a non-unique field without losing or repeating a record', async () => {
    const { run } = await recordsTenant(db);
    await run(async (ctx) => {
      for (let i = 0; i < 23; i += 1) await createRecord('account', { name: `Account ${String(i).padStart(2, '0')}`, score: i % 5 === 0 ? null : i % 4 }, ctx);
    });
    const rank = (v: unknown) => (v === null ? Infinity : Number(v));
    for (const sort of ['-score', 'score', 'score,-name']) {
      const seen: string[] = [];
      const scores: unknown[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await run((ctx) => listRecords('account', { sort, limit: 5, cursor }, ctx));
        seen.push(...page.data.map((r) => String(r.id)));
        scores.push(...page.data.map((r) => r.score));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      const desc = sort.startsWith('-');
      expect(scores.map(rank)).toEqual([...scores.map(rank)].sort((a, b) => (desc ? b - a : a - b)));
    }
    const tampered = await run((ctx) => listRecords('account', { limit: 5, cursor: 'not-a-cursor' }, ctx)).catch((e) => e);
    expect(tampered.status).toBe(400);
  });

  it('numbers concurrent creates without gaps or repeats; a rolled-back create gives its number back', async () => {
    const { run } = await recordsTenant(db);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => run((ctx) => createRecord('account', { name: `Parallel ${i}` }, ctx))));
    const codes = made.map((r) => String(r.code)).sort();
    expect(codes).toEqual(Array.from({ length: 12 }, (_, i) => `A-${String(i + 1).padStart(4, '0')}`));
    await run(async (ctx) => {
      await createRecord('account', { name: 'Rolled back' }, ctx);
      throw new Error('abort');
    }).catch(() => undefined);
    expect((await run((ctx) => createRecord('account', { name: 'Next' }, ctx))).code).toBe('A-0013');
  });
});
