import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the Vue app into studio/dist when it has not been built yet (the first
 * `npm start` of a fresh clone). A failed build is reported; the API still starts.
 */
export const buildStudioIfMissing = (): void => {
  if (!existsSync(`${ROOT}studio/index.html`) || existsSync(`${ROOT}studio/dist/index.html`)) return;
  console.log('building the app (first start only)…');
  const vite = `${ROOT}node_modules/.bin/vite`;
  const res = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) console.error('the app could not be built; the API runs without it (see the output above)');
};
