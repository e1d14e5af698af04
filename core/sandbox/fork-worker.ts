import { fork, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerConfig {
  isolates: number;
  memoryMb: number;
}

const workerPath = fileURLToPath(new URL('./worker/main.mjs', import.meta.url));
const ivmPath = realpathSync(createRequire(import.meta.url).resolve('isolated-vm'));

/**
 * Node flags of a sandbox process. isolated-vm needs `--no-node-snapshot` on Node 20+.
 * Where Node's permission model is available the process may read only its own code
 * and isolated-vm, and may not write files, start processes or threads: a script that
 * escaped its isolate would still find little to use.
 */
function execArgv(): string[] {
  const flags = process.allowedNodeEnvironmentFlags;
  const args = ['--no-node-snapshot'];
  if (flags.has('--experimental-permission') && flags.has('--allow-addons')) {
    args.push(
      '--experimental-permission',
      '--allow-addons',
      `--allow-fs-read=${dirname(workerPath)}/`,
      `--allow-fs-read=${dirname(ivmPath)}/`,
    );
  }
  if (flags.has('--disable-warning')) {
    args.push('--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning');
  }
  return args;
}

/**
 * Forks one sandbox process: plain JavaScript, so it needs no TypeScript loader whether
 * the parent runs under tsx, vitest or compiled; no inherited environment (no
 * credentials); stderr shared for crash reports. Its handles are unref'd: the
 * supervisor keeps the parent alive only while runs are pending.
 */
export function forkWorker(config: WorkerConfig): ChildProcess {
  const child = fork(workerPath, [JSON.stringify({ ...config, ivmPath })], {
    execArgv: execArgv(),
    env: {},
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  });
  child.unref();
  child.channel?.unref();
  return child;
}
