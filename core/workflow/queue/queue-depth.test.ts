import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import { openQueue } from './open-queue.js';
import { queueDepths } from './queue-depth.js';
import { RUN_QUEUE } from './queue-names.js';

describe('queueDepths', () => {
  let db: Db;
  let boss: PgBoss | undefined;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await db?.close();
  });

  it('is empty before any worker made the queue, then counts the jobs waiting per queue', async () => {
    expect(await queueDepths(db.knex)).toEqual([]);
    boss = await openQueue(db, { schedule: false });
    await boss.send(RUN_QUEUE, { t: 'x', run: 'one' });
    await boss.send(RUN_QUEUE, { t: 'x', run: 'two' });
    await db.knex.raw(`update crm_jobs.job set created_on = now() - interval '90 seconds' where name = ? and data->>'run' = 'one'`, [RUN_QUEUE]);
    const run = (await queueDepths(db.knex)).find((d) => d.queue === RUN_QUEUE);
    expect(run?.waiting).toBe(2);
    expect(run?.oldestSeconds).toBeGreaterThanOrEqual(90);
    expect(run?.oldestSeconds).toBeLessThan(600);
  });
});
