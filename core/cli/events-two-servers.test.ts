import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';
import { createScratchDatabase } from '../db/test-database.js';
import { openEventStream, type EventStream } from '../http/test-event-stream.js';
import { createUser } from '../security/index.js';
import { createTenant } from '../tenants/tenant-store.js';

/**
 * Two `crm serve` processes over one PostgreSQL database: a change written through one
 * reaches a live-event stream of the other (NOTIFY on commit, each process listening on
 * its own connection). Always PostgreSQL — that is what it is about: TEST_DATABASE_URL, or
 * the local server.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Correct-Horse-42';

const serve = (databaseUrl: string): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/cli/index.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--no-workflows'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`crm serve did not start in time: ${err}`)), 120_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`crm serve exited (${code}): ${err}`));
    });
  });

const stopped = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('close', () => resolve()));

describe('live events across two server processes on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;
  const children: ChildProcess[] = [];
  let stream: EventStream | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase(SERVER_URL);
    db = connect({ databaseUrl: scratch.url, poolMax: 2 });
    await migrateEngine(db.knex);
    const tenant = await createTenant(db.knex, { slug: 'twin' });
    await createUser({ tenantId: tenant.id, email: 'admin@twin.test', password: PASSWORD, name: 'Admin', isAdmin: true }, { knex: db.knex });
  }, 600_000);
  afterAll(async () => {
    stream?.close();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map(stopped));
    await db?.close();
    await scratch?.drop();
  }, 60_000);

  it('delivers a change written through one process to a stream of the other', async () => {
    const [one, two] = await Promise.all([serve(scratch.url), serve(scratch.url)]);
    children.push(one.child, two.child);
    const login = await fetch(`${one.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'twin', email: 'admin@twin.test', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const call = (url: string, method: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const note = { kind: 'entity', name: 'note', label: { en: 'Note', 'zh-CN': '便笺' }, titleField: 'title', fields: { title: { type: 'text', required: true } } };
    expect((await call(one.url, 'PUT', '/api/studio/entity/note', note)).status).toBeLessThan(300);
    expect((await call(one.url, 'POST', '/api/studio/publish', {})).status).toBeLessThan(300);

    stream = await openEventStream(two.url, token, { watch: 'note' });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    const created = (await (await call(one.url, 'POST', '/api/records/note', { title: 'written on one' })).json()) as { id: string };
    const got = await stream.next((e) => e.event === 'record.changed' && e.data.id === created.id, { timeoutMs: 20_000 });
    expect(got.data).toMatchObject({ entity: 'note', action: 'create', by: { name: 'Admin' } });
  }, 600_000);
});
