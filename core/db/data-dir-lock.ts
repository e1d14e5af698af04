import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError, problem } from '../errors.js';

/**
 * The embedded database belongs to one process: PGlite keeps the data directory's state
 * in its own memory, and a second process writing the same files corrupts what the first
 * one has cached (it aborts on its next read). The process that opens a data directory
 * holds `crm.lock` in it, naming its pid, host and start; a second opener is refused with
 * a clear message. A lock whose process is gone (or whose pid now belongs to another
 * process) is stale and taken over.
 */
export const LOCK_FILE = 'crm.lock';

/** What the lock file holds. */
interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: boot id and start tick of the process, which tell a reused pid apart. */
  processStart?: string;
  /** `server` for `npm start` and `crm serve`, else the command that holds it. */
  holder: string;
}

/** A held lock: release() removes the file (idempotent). */
export interface DataDirLock {
  release(): void;
}

/** Directories this process holds, so a second open inside the same process is refused too. */
const heldHere = new Set<string>();

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    // No lock file is the expected miss; a lock we cannot read must not pass for no lock.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

/** Boot id and start tick of a live process (Linux), undefined elsewhere or when unknown. */
const processStart = (pid: number): string | undefined => {
  const stat = readText(`/proc/${pid}/stat`);
  const boot = readText('/proc/sys/kernel/random/boot_id')?.trim();
  if (!stat || !boot) return undefined;
  const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return ticks ? `${boot}:${ticks}` : undefined;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const parse = (text: string | undefined): LockInfo | undefined => {
  try {
    const info = JSON.parse(text ?? '') as LockInfo;
    return Number.isInteger(info.pid) && typeof info.host === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
};

/** Whether the lock's process is gone (on this host); a lock of another host is never stale. */
const isStale = (info: LockInfo | undefined, dir: string): boolean => {
  if (!info) return true;
  if (info.host !== hostname()) return false;
  if (info.pid === process.pid) return !heldHere.has(dir);
  if (!isAlive(info.pid)) return true;
  const now = processStart(info.pid);
  return Boolean(info.processStart && now && now !== info.processStart);
};

const refusal = (shown: string, info: LockInfo): AppError => {
  const where = `pid ${info.pid}${info.host === hostname() ? '' : ` on ${info.host}`}, since ${info.startedAt}`;
  const details = { pid: info.pid, host: info.host };
  return info.holder === 'server'
    ? problem('DATA_DIR_IN_USE', { dir: shown, where }, details)
    : problem('DATA_DIR_BUSY', { dir: shown, where, holder: info.holder }, details);
};

/**
 * Takes the lock of the data directory `dir` (which exists) for `holder`, or throws
 * DATA_DIR_IN_USE (409) naming the process that has it. Released by release() or, should
 * the process end without it, on exit; a crash leaves a stale lock the next opener takes over.
 */
export const lockDataDir = (dir: string, holder: string): DataDirLock => {
  const key = resolve(dir);
  const path = join(key, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), processStart: processStart(process.pid), holder };
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify(mine)}\n`, { mode: 0o644 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path); // atomic: fails when a lock exists, and never shows a half-written one
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = readText(path);
      const info = parse(seen);
      if (!isStale(info, key) || attempt >= 3) {
        throw info ? refusal(dir, info) : problem('DATA_DIR_LOCKED', { dir, path });
      }
      // Take the stale lock over: move it aside, and put it back if it changed meanwhile.
      const aside = `${path}.${process.pid}.stale`;
      try {
        renameSync(path, aside);
      } catch (e) {
        // Gone already: another opener took the stale lock first; read again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        continue;
      }
      if (readText(aside) !== seen) {
        try {
          linkSync(aside, path);
        } catch {
          /* another lock took its place: the next attempt reads that one */
        }
      }
      unlinkSync(aside);
    }
  } finally {
    unlinkSync(draft);
  }
  heldHere.add(key);
  const release = () => {
    if (!heldHere.delete(key)) return;
    process.off('exit', release);
    if (parse(readText(path))?.pid === process.pid) {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', release);
  return { release };
};
