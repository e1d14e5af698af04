import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const studio = join(repo, 'studio');
const built = join(studio, 'dist', 'index.html');

const newest = (path: string): number => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
};

/** Sources the build depends on: the app, its page, the build config and the core folders it imports from. */
const sources = [
  join(studio, 'src'),
  join(studio, 'index.html'),
  join(studio, 'public'),
  join(studio, 'build'),
  ...['portal', 'store', 'landing'].map((page) => join(studio, `${page}.html`)),
  join(repo, 'vite.config.ts'),
  join(repo, 'package-lock.json'),
  ...['rules', 'metadata', 'schema', 'files'].map((dir) => join(repo, 'core', dir)),
];

/** vitest globalSetup of the e2e project: builds studio/dist when it is missing or older than its sources. */
export default async function buildStudio(): Promise<void> {
  const stale = !existsSync(built) || newest(built) < Math.max(...sources.filter(existsSync).map(newest));
  if (!stale) return;
  const { build } = await import('vite');
  await build({ configFile: join(repo, 'vite.config.ts'), logLevel: 'warn' });
}
