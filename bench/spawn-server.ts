import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  name: string;
  url: string;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * Starts a server module (path relative to bench/) in its own Node process, so the load
 * generator never shares its event loop, and resolves once it reports { url }.
 */
export const spawnServer = (name: string, module: string, env: Record<string, string>, nodeOptions: string[] = []): Promise<ChildServer> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(module, import.meta.url)), [], {
      env: { ...process.env, NODE_ENV: 'production', ...env },
      execArgv: ['--import', 'tsx', ...nodeOptions],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const stop = async (): Promise<void> => {
      if (child.connected) child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    };
    child.once('exit', (code) => reject(new Error(`${name} server exited with code ${String(code)} before it was ready`)));
    child.once('message', (m: { url?: string }) => (m.url ? resolve({ name, url: m.url, stop }) : reject(new Error(`${name} server sent ${JSON.stringify(m)}`))));
  });
