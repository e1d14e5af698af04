import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import type { EntityDocument } from '../../metadata/types.js';
import { createRecord, updateRecord } from '../../records/index.js';
import { RUN_QUEUE } from '../queue/queue-names.js';
import { drainOutbox } from '../relay/drain-outbox.js';
import { until } from '../test-support/until.js';
import { workflowTenants } from '../test-support/workflow-tenant.js';
import { MAX_DEPTH } from '../triggers/record-hooks.js';
import { startWorkflowWorker, type WorkflowWorker } from '../worker.js';

const lead: EntityDocument = {
  kind: 'entity', name: 'lead', titleField: 'name',
  fields: { name: { type: 'text', required: true }, source: { type: 'text' }, score: { type: 'integer' }, stage: { type: 'text' }, hops: { type: 'integer' } },
};
const welcome = { name: 'welcome', entity: 'lead', trigger: { on: 'create', condition: { '==': [{ var: 'source' }, 'web'] } }, steps: [{ id: 'score', type: 'set', fields: { score: 10 } }] };
const staged = {
  name: 'staged', entity: 'lead', trigger: { on: 'update', fields: ['stage'], condition: { and: [{ '==': [{ var: '$old.stage' }, 'new'] }, { '==': [{ var: 'stage' }, 'won'] }] } },
  steps: [{ id: 'bump', type: 'set', fields: { score: { '+': [{ var: 'score' }, 100] } } }],
};
const loop = { name: 'loop', entity: 'lead', trigger: { on: 'update', fields: ['hops'] }, steps: [{ id: 'hop', type: 'set', fields: { hops: { '+': [{ var: 'hops' }, 1] } } }] };

describe('the outbox: runs start in the transaction of the write that causes them', () => {
  let db: Db;
  let tenants: ReturnType<typeof workflowTenants>;
  let worker: WorkflowWorker | undefined;

  beforeAll(async () => {
    db = await openTestDatabase();
    tenants = workflowTenants(db);
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.close();
  });

  it('records a matching run with its wake-up; a rolled-back write leaves neither, and no job', async () => {
    const t = await tenants.add([lead], [welcome]);
    const failed = await t.write(async (ctx) => {
      await createRecord('lead', { name: 'Ghost', source: 'web' }, ctx);
      throw new Error('the request failed after the write');
    }).catch((e: Error) => e.message);
    expect(failed).toBe('the request failed after the write');
    expect(await t.runs()).toEqual([]);
    await t.write((ctx) => createRecord('lead', { name: 'Phone', source: 'phone' }, ctx));
    expect(await t.runs()).toEqual([]);
    const made = await t.write((ctx) => createRecord('lead', { name: 'Web', source: 'web' }, ctx));
    const [run] = await t.runs();
    expect(run).toMatchObject({ workflow: 'welcome', trigger: 'create', record_id: made.id, status: 'pending', depth: 0 });
    expect(await t.sql((trx) => trx('_wf_outbox').select('run_id'))).toEqual([{ run_id: run.id }]);
    worker = await startWorkflowWorker(db, { tenants: tenants.env, queue: { schedule: false }, relay: { idleMs: 100 } });
    await until(async () => ((await t.run(run.id)).status === 'completed' ? true : undefined));
    expect(await t.write((ctx) => ctx.db('lead').where({ id: made.id }).first('score'))).toEqual({ score: 10 });
    expect(await t.sql((trx) => trx('_wf_outbox').count('* as n').first())).toMatchObject({ n: 0 });
    const { rows } = await db.knex.raw(`select data->>'run' as run from crm_jobs.job where name = ?`, [RUN_QUEUE]);
    expect(rows.map((r: { run: string }) => r.run)).toEqual([run.id]);
  });

  it('runs an event delivered twice once', async () => {
    await worker?.stop();
    worker = undefined;
    const t = await tenants.add([lead], [welcome]);
    const made = await t.write((ctx) => createRecord('lead', { name: 'Twice', source: 'web' }, ctx));
    const [run] = await t.runs();
    const { boss } = (worker = await startWorkflowWorker(db, { tenants: tenants.env, queue: { schedule: false }, concurrency: 2, relay: { idleMs: 100 } }));
    await boss.send(RUN_QUEUE, { t: t.tenant.id, run: run.id });
    await boss.send(RUN_QUEUE, { t: t.tenant.id, run: run.id });
    expect(await drainOutbox(db.knex, t.tenant, 10)).toBeGreaterThanOrEqual(0);
    await until(async () => ((await t.run(run.id)).status === 'completed' ? true : undefined));
    await until(async () => {
      const { rows } = await db.knex.raw(`select count(*)::int as n from crm_jobs.job where name = ? and data->>'run' = ? and state = 'completed'`, [RUN_QUEUE, run.id]);
      return rows[0].n === 3 ? true : undefined;
    });
    const journal = await t.journal(run.id);
    expect(journal.map((j) => [j.step_id, j.status, j.attempts])).toEqual([['score', 'done', 1]]);
    const history = await t.sql((trx) => trx('_history').where({ record_id: made.id, action: 'update' }).select('changes'));
    expect(history).toHaveLength(1);
    expect((await t.run(run.id)).attempts).toBe(1);
  });

  it('sees $old on update and only the listed fields', async () => {
    const t = await tenants.add([lead], [staged]);
    const made = await t.write((ctx) => createRecord('lead', { name: 'Deal', stage: 'new', score: 1 }, ctx));
    await t.write((ctx) => updateRecord('lead', made.id as string, { name: 'Deal 2' }, ctx));
    expect(await t.runs()).toEqual([]);
    await t.write((ctx) => updateRecord('lead', made.id as string, { stage: 'won' }, ctx));
    const [run] = await t.runs();
    expect(run.input.old).toMatchObject({ stage: 'new' });
    await until(async () => ((await t.run(run.id)).status === 'completed' ? true : undefined));
    expect(await t.sql((trx) => trx('lead').where({ id: made.id }).first('score'))).toEqual({ score: 101 });
  });

  it(`stops workflows that trigger each other at depth ${MAX_DEPTH}`, async () => {
    const t = await tenants.add([lead], [loop]);
    const made = await t.write((ctx) => createRecord('lead', { name: 'Loop', hops: 0 }, ctx));
    await t.write((ctx) => updateRecord('lead', made.id as string, { hops: 1 }, ctx));
    const stopped = await until(async () => (await t.runs()).find((r) => r.status === 'stopped'), 60_000);
    expect(stopped).toMatchObject({ depth: MAX_DEPTH, error: { code: 'LOOP_LIMIT' } });
    await until(async () => ((await t.runs()).every((r) => ['completed', 'stopped'].includes(r.status)) ? true : undefined), 30_000);
    expect(await t.sql((trx) => trx('lead').where({ id: made.id }).first('hops'))).toEqual({ hops: 1 + MAX_DEPTH });
    expect((await t.runs()).filter((r) => r.status === 'completed')).toHaveLength(MAX_DEPTH);
  });
});
