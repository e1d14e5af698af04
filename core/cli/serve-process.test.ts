import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../db/data-dir-lock.js';
import { EXIT, runCli } from './run-cli.js';

/**
 * `crm` as separate processes over one embedded data directory: the real situation of a
 * server started with `npm start` and a command typed in another terminal. These tests
 * always use PGlite (that is what they are about), whatever TEST_DATABASE_URL says.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const DEADLINE_MS = 120_000;

const envFor = (dataDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, CRM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  return env;
};

const spawnCrm = (args: string[], dataDir: string): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'core/cli/index.ts', ...args], { cwd: ROOT, env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs `crm …` to its end (killed past the deadline); its exit code and output. */
const runCrm = (args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve) => {
    const child = spawnCrm(args, dataDir);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });

/** `crm serve` on a free port: resolves with its URL once it listens. */
const startServe = (dataDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> =>
  new Promise((resolve, reject) => {
    const child = spawnCrm(['serve', '--port', '0', '--host', '127.0.0.1', '--no-workflows'], dataDir);
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crm serve did not start in time: ${err}`));
    }, DEADLINE_MS);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`crm serve exited (${code}): ${err}`));
    });
  });

/** Runs `crm …` in this process with the data directory (the server is not running then). */
const crmHere = async (dataDir: string, ...argv: string[]): Promise<{ code: number; err: string }> => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CRM_DATA_DIR: process.env.CRM_DATA_DIR };
  delete process.env.DATABASE_URL;
  process.env.CRM_DATA_DIR = dataDir;
  const err: string[] = [];
  try {
    return { code: await runCli(argv, { err: (s) => err.push(s), out: () => undefined }), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};

describe('crm processes over one embedded data directory', () => {
  let dataDir: string;
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-proc-'));
    expect((await crmHere(dataDir, 'tenant', 'create', 'acme', '--admin', 'boss@acme.test', '--password', 'Acme-Admin-2026')).code).toBe(EXIT.ok);
    serve = await startServe(dataDir);
  }, 2 * DEADLINE_MS);

  afterAll(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await serve?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second process while the server runs, and the data stays intact', async () => {
    const { url } = serve!;
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'acme', email: 'boss@acme.test', password: 'Acme-Admin-2026' }) });
    const { token } = (await login.json()) as { token: string };
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await call('POST', '/api/studio/publish', {})).status).toBe(200); // makes the tables of the system entities
    const before = await call('POST', '/api/records/team', { name: 'Written before' });
    expect(before.status).toBe(201);
    const { id } = (await before.json()) as { id: string };

    const second = await runCrm(['export', 'team', '--tenant', 'acme'], dataDir);
    expect(second.code).toBe(EXIT.refused);
    expect(second.err.trim()).toMatch(new RegExp(`^error: the server is running on ${dataDir} \\(pid ${serve!.child.pid}, since [^)]+\\): stop it, or use the HTTP API, or set DATABASE_URL$`));
    expect(second.out).toBe('');

    expect((await call('POST', '/api/records/team', { name: 'Written after' })).status).toBe(201);
    expect(((await (await call('GET', `/api/records/team/${id}`)).json()) as { name: string }).name).toBe('Written before');

    serve!.child.kill('SIGTERM');
    expect(await serve!.exited).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const csv = join(dataDir, 'teams.csv');
    expect((await crmHere(dataDir, 'export', 'team', '--tenant', 'acme', '--fields', 'name', '--out', csv)).code).toBe(EXIT.ok);
    expect(readFileSync(csv, 'utf8')).toMatch(/Written before[\s\S]*Written after/);
  }, 2 * DEADLINE_MS);

  it('exits with a clear message, and lets go of the database, when its port is taken', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    // The data directory of the server above, once that has stopped (it is already migrated).
    if (serve!.child.exitCode === null) serve!.child.kill('SIGTERM');
    await serve!.exited;
    try {
      const run = await runCrm(['serve', '--port', String(port), '--host', '127.0.0.1', '--no-workflows'], dataDir);
      expect(run.code).toBe(EXIT.refused);
      expect(run.err.trim()).toBe(`error: port ${port} on 127.0.0.1 is in use: stop what listens there, or choose another port (--port or PORT).`);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      busy.close();
    }
  }, DEADLINE_MS + 10_000);
});
