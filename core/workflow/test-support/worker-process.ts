import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));

/**
 * Test support: starts a worker process (`crash-worker.ts`, leader of its own process
 * group) with the engine's defaults, or the lease settings given, and resolves once it is
 * taking jobs.
 */
export const startWorkerProcess = (databaseUrl: string, settings: Record<string, string> = {}): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    for (const name of ['CRM_WORKFLOW_LEASE_SECONDS', 'CRM_WORKFLOW_HEARTBEAT_SECONDS', 'CRM_WORKFLOW_CONCURRENCY']) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...env, ...settings }, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });

/** SIGKILL to the worker's whole process group (its sandbox and any other child die with it). */
export const killWorkerGroup = async (child: ChildProcess): Promise<void> => {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
};
