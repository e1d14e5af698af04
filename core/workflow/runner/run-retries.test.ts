import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../metadata/types.js';
import { createRecord } from '../../records/index.js';
import { DEAD_QUEUE, JOBS_SCHEMA, RUN_QUEUE } from '../queue/queue-names.js';
import { httpSink } from '../test-support/http-sink.js';
import { settle, stepHarness } from '../test-support/step-harness.js';
import { until } from '../test-support/until.js';
import type { RunRow } from '../types.js';

const sale: EntityDocument = { kind: 'entity', name: 'sale', titleField: 'code', fields: { code: { type: 'text', required: true }, stage: { type: 'text' } } };

describe('a run retried by the queue (the same job, retried under its own id)', () => {
  let sink: Awaited<ReturnType<typeof httpSink>>;
  // /twice fails its first two calls; /never always fails.
  beforeAll(async () => {
    sink = await httpSink((path, n) => ({ status: path === '/never' || n <= 2 ? 503 : 200 }));
  });
  afterAll(async () => sink?.close());
  const h = stepHarness({ webhookAllow: ['127.0.0.1'] }, { queue: { schedule: false, retryDelaySeconds: 1, retryLimit: 2 } });
  const flow = (path: string) => [
    { name: 'push', entity: 'sale', trigger: { on: 'create' }, steps: [{ id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}${path}` }, { id: 'mark', type: 'set', fields: { stage: 'sent' } }] },
  ];
  const jobsOf = async (runId: string) => {
    const { rows } = await h.db.knex.raw(`select id, name, state, retry_count from ${JOBS_SCHEMA}.job where data->>'run' = ? order by name, created_on`, [runId]);
    return rows as { id: string; name: string; state: string; retry_count: number }[];
  };
  /** The run between two attempts, after `attempts` of them. */
  const between = (t: { run(id: string): Promise<RunRow> }, id: string, attempts: number) =>
    until(async () => {
      const r = (await t.run(id)) as RunRow & { next_attempt_at: string | null };
      return r.status === 'retrying' && r.attempts === attempts && r.next_attempt_at ? r : undefined;
    }, 20_000, 20);

  it('counts every attempt and shows the last error and the next attempt between them; success clears the error', async () => {
    const t = await h.tenants.add([sale], flow('/twice'));
    await t.write((ctx) => createRecord('sale', { code: 'T' }, ctx));
    const [run] = await t.runs();
    const first = await between(t, run.id, 1);
    expect(first.error).toMatchObject({ step: 'call' });
    expect(first.error?.message).toBeTruthy();
    const [job] = await jobsOf(run.id);
    expect(job).toMatchObject({ name: RUN_QUEUE, state: 'retry' });
    const second = await between(t, run.id, 2);
    expect(second.error).toEqual(first.error);
    expect(new Date(second.next_attempt_at!).getTime()).toBeGreaterThan(new Date(first.next_attempt_at!).getTime());
    // The retried job is the same row under the same id, its retries counted.
    expect(await jobsOf(run.id)).toEqual([{ ...job, state: 'retry', retry_count: 1 }]);
    const done = await settle(t, run.id);
    expect(done).toMatchObject({ attempts: 3, error: null, next_attempt_at: null });
    await until(async () => ((await jobsOf(run.id))[0]?.state === 'completed' ? true : undefined));
    expect(await jobsOf(run.id)).toEqual([{ ...job, state: 'completed', retry_count: 2 }]);
    expect((await t.journal(run.id)).map((j) => [j.step_id, j.status, j.attempts])).toEqual([['call', 'done', 3], ['mark', 'done', 1]]);
    expect(sink.received.filter((r) => r.path === '/twice').map((r) => r.headers['x-idempotency-key'])).toEqual(Array(3).fill(`${run.id}-0`));
  }, 60_000);

  it('fails the run on the last retry with that attempt as its count and its error kept', async () => {
    const t = await h.tenants.add([sale], flow('/never'));
    await t.write((ctx) => createRecord('sale', { code: 'N' }, ctx));
    const [run] = await t.runs();
    const last = await between(t, run.id, 2);
    const failed = await settle(t, run.id, 'failed', 20_000);
    expect(failed).toMatchObject({ attempts: 3, error: { step: 'call', code: last.error?.code } });
    await until(async () => ((await jobsOf(run.id)).some((j) => j.name === DEAD_QUEUE) ? true : undefined));
    const jobs = await jobsOf(run.id);
    expect(jobs.find((j) => j.name === RUN_QUEUE)).toMatchObject({ state: 'failed', retry_count: 2 });
    // The dead-letter handler leaves a run that already failed as it is.
    await until(async () => ((await jobsOf(run.id)).find((j) => j.name === DEAD_QUEUE)?.state === 'completed' ? true : undefined));
    expect(await t.run(run.id)).toMatchObject({ status: 'failed', attempts: 3, error: failed.error });
    expect((await t.journal(run.id)).map((j) => [j.step_id, j.status, j.attempts])).toEqual([['call', 'failed', 3]]);
  }, 60_000);
});
