import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import { until } from '../test-support/until.js';
import { openQueue } from './open-queue.js';
import { DEAD_QUEUE, RUN_QUEUE } from './queue-names.js';
import { transactionExecutor } from './sql-executor.js';

describe('the job queue (pg-boss in crm_jobs)', () => {
  let db: Db;
  let boss: PgBoss;

  beforeAll(async () => {
    db = await openTestDatabase();
    boss = await openQueue(db, { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30, schedule: false });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await db?.close();
  });

  it('sends inside a transaction: a rollback leaves no job, a commit leaves one', async () => {
    const rolledBack = await db.knex
      .transaction(async (trx) => {
        await boss.send(RUN_QUEUE, { t: 'x', run: 'rolled-back' }, { db: transactionExecutor(trx) as PgBoss.Db });
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    expect(rolledBack).toBe('rolled back');
    const id = await db.knex.transaction((trx) => boss.send(RUN_QUEUE, { t: 'x', run: 'kept' }, { db: transactionExecutor(trx) as PgBoss.Db }));
    const { rows } = await db.knex.raw(`select data->>'run' as run from crm_jobs.job where name = ?`, [RUN_QUEUE]);
    expect(rows.map((r: { run: string }) => r.run)).toEqual(['kept']);
    await boss.cancel(RUN_QUEUE, id!);
  });

  it('retries a failing job with growing delays, then parks it as failed with a copy in the dead-letter queue', async () => {
    const attempts: number[] = [];
    const id = await boss.send(RUN_QUEUE, { t: 'x', run: 'always-fails' });
    const worker = await boss.work(RUN_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if ((job.data as { run: string }).run !== 'always-fails') return;
      attempts.push(Date.now());
      throw new Error('boom');
    });
    const failed = await until(async () => {
      const job = await boss.getJobById(RUN_QUEUE, id!);
      return job?.state === 'failed' ? job : undefined;
    }, 30_000);
    await boss.offWork(RUN_QUEUE);
    expect(worker).toBeTruthy();
    expect(attempts).toHaveLength(3);
    expect(attempts[2] - attempts[1]).toBeGreaterThan(attempts[1] - attempts[0] - 500);
    expect((failed.output as { message: string }).message).toBe('boom');
    const { rows } = await db.knex.raw(`select data->>'run' as run from crm_jobs.job where name = ?`, [DEAD_QUEUE]);
    expect(rows.map((r: { run: string }) => r.run)).toEqual(['always-fails']);
    expect(((await boss.retry(RUN_QUEUE, id!)) as unknown as { affected: number }).affected).toBe(1);
    expect((await boss.getJobById(RUN_QUEUE, id!))?.state).toBe('retry');
  });
});
