import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSink } from '../test-support/http-sink.js';
import { until } from '../test-support/until.js';
import { label, workflowServer } from '../test-support/workflow-server.js';

const script = fileURLToPath(new URL('../test-support/crash-worker.ts', import.meta.url));

/** Starts a worker process and resolves once it is taking jobs. */
const startWorker = (databaseUrl: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });

describe.skipIf(!process.env.TEST_DATABASE_URL)('a worker process killed with SIGKILL mid-run', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  let sink: Awaited<ReturnType<typeof httpSink>>;
  const children: ChildProcess[] = [];
  let arrived: () => void;
  const firstCall = new Promise<void>((r) => (arrived = r));

  beforeAll(async () => {
    sink = await httpSink((path, n) => {
      if (path === '/slow' && n === 1) {
        arrived();
        return { hold: true };
      }
      return { status: 200 };
    });
    const entity = { kind: 'entity', name: 'purchase', label: label('Purchase'), titleField: 'code', fields: { code: { type: 'text', required: true }, stage: { type: 'text' } } };
    const task = { kind: 'entity', name: 'task', label: label('Task'), titleField: 'subject', fields: { subject: { type: 'text', required: true } } };
    const flow = {
      kind: 'workflow', name: 'fulfil', label: label('Fulfil'), entity: 'purchase', trigger: { on: 'create' },
      steps: [
        { id: 'first', type: 'set', fields: { stage: 'paid' } },
        { id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/slow` },
        { id: 'task', type: 'create', entity: 'task', fields: { subject: { cat: ['Ship ', { var: 'code' }] } } },
        { id: 'notice', type: 'webhook', url: `http://127.0.0.1:${sink.port}/done` },
        { id: 'last', type: 'set', fields: { stage: 'shipped' } },
      ],
    };
    s = await workflowServer('crash', [entity, task, flow], { worker: false });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await sink?.close();
    await s?.close();
  });

  it('loses and duplicates no effect once another worker resumes', async () => {
    const url = (s.db.knex.client.config.connection as { connectionString: string }).connectionString;
    const first = await startWorker(url);
    children.push(first);
    const order = (await s.admin('POST', '/api/records/purchase', { code: 'SO-42' })).body;
    await firstCall;
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const [run] = await s.runs('fulfil');
    expect(run.status).toBe('running');
    children.push(await startWorker(url));
    const done = await until(async () => ((await s.run(run.id)).status === 'completed' ? s.run(run.id) : undefined), 60_000);
    expect(done.attempts).toBe(2);
    const history = await s.sql((trx) => trx('_history').where({ record_id: order.id, action: 'update' }).orderBy('id').pluck('changes'));
    expect(history).toEqual([{ stage: [null, 'paid'] }, { stage: ['paid', 'shipped'] }]);
    expect(await s.sql((trx) => trx('task').pluck('subject'))).toEqual(['Ship SO-42']);
    const keys = (path: string) => sink.received.filter((r) => r.path === path).map((r) => r.headers['x-idempotency-key']);
    expect(keys('/slow')).toEqual([`${run.id}-1`, `${run.id}-1`]);
    expect(keys('/done')).toEqual([`${run.id}-3`]);
    expect((await s.journal(run.id)).map((j) => [j.step_id, j.status, j.attempts])).toEqual([['first', 'done', 1], ['call', 'done', 2], ['task', 'done', 1], ['notice', 'done', 1], ['last', 'done', 1]]);
  });
});
