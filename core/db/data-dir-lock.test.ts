import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from './data-dir-lock.js';

const refusal = (fn: () => unknown): { code?: string; status?: number; message: string } => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; status: number; message: string };
  }
  throw new Error('expected a refusal');
};

/** The pid of a process that has ended. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('the data directory lock', () => {
  let dir: string;
  const lockPath = () => join(dir, LOCK_FILE);
  const writeLock = (info: Record<string, unknown>) => writeFileSync(lockPath(), JSON.stringify({ host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', holder: 'server', ...info }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is held by one opener at a time, in this process too, and released by release()', () => {
    const lock = lockDataDir(dir, 'server');
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), holder: 'server' });
    const again = refusal(() => lockDataDir(dir, 'export customer'));
    expect(again).toMatchObject({ code: 'DATA_DIR_IN_USE', status: 409 });
    expect(again.message).toBe(`the server is running on ${dir} (pid ${process.pid}, since ${JSON.parse(readFileSync(lockPath(), 'utf8')).startedAt}): stop it, or use the HTTP API, or set DATABASE_URL`);
    lock.release();
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
    lockDataDir(dir, 'tenant list').release();
  });

  it('refuses while the holder lives and names a command that holds it', () => {
    writeLock({ pid: process.ppid, holder: 'import customer' });
    expect(refusal(() => lockDataDir(dir, 'server')).message).toMatch(new RegExp(`^${dir} is in use by \`crm import customer\` \\(pid ${process.ppid}, since .*\\): wait for it to finish, or set DATABASE_URL$`));
    writeLock({ pid: process.ppid, host: 'elsewhere' });
    expect(refusal(() => lockDataDir(dir, 'server')).message).toContain(`(pid ${process.ppid} on elsewhere, since`);
  });

  it('takes over a stale lock: its process is gone, its pid now belongs to another process, or it is unreadable', () => {
    const reused = process.platform === 'linux' ? [{ pid: process.ppid, processStart: 'another-boot:1' }] : []; // a process start is read from /proc
    for (const stale of [{ pid: deadPid() }, ...reused]) {
      writeLock(stale);
      const lock = lockDataDir(dir, 'server');
      expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
    writeFileSync(lockPath(), '');
    lockDataDir(dir, 'server').release();
    expect(existsSync(lockPath())).toBe(false);
  });
});
