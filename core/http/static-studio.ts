import type { Context, Next } from 'koa';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProbePath } from './probe-paths.js';

export const STUDIO_DIST = fileURLToPath(new URL('../../studio/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'application/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>CRM</title>
<p>The API is running (see <a href="/api/docs">/api/docs</a>). The app has not been built: run <code>npx vite build</code>.</p>`;

/**
 * The page a path opens: the public apps have their own entries (DESIGN §12: store
 * `/store/:tenant`, portal `/portal/:tenant`, landing pages `/p/:tenant/:page`); every other
 * path is the staff app's.
 */
export const pageForPath = (path: string): string => {
  const first = path.split('/')[1];
  if (first === 'store') return 'store.html';
  if (first === 'portal') return 'portal.html';
  if (first === 'p') return 'landing.html';
  return 'index.html';
};

/**
 * Serves the built Vue app: files from studio/dist, hashed assets cached for a year, and
 * the entry page (pageForPath) for every other GET outside /api (the app's routes: /app…,
 * /studio…, /store…, /portal…, /p…) but
 * the paths monitoring tools probe (probe-paths.ts).
 */
export const serveStudio = (dist: string = STUDIO_DIST) => async (ctx: Context, next: Next): Promise<void> => {
  if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path === '/api' || isProbePath(ctx.path)) return next();
  if (ctx.path === '/') return ctx.redirect('/app');
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    ctx.type = 'html';
    ctx.body = NOT_BUILT;
    return;
  }
  const file = normalize(join(dist, decodeURIComponent(ctx.path)));
  if (file.startsWith(dist.endsWith(sep) ? dist : dist + sep) && extname(file)) {
    // A missing file is the app's own route (served index.html below); any other failure is real.
    const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    });
    if (info?.isFile()) {
      ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
      ctx.set('Cache-Control', ctx.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      ctx.body = await readFile(file);
      return;
    }
    ctx.status = 404;
    return;
  }
  const page = join(dist, pageForPath(ctx.path));
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = await readFile(existsSync(page) ? page : index);
};
