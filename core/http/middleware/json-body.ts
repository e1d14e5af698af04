import type { Context, Next } from 'koa';
import getRawBody from 'raw-body';
import { badRequest, problem } from '../../errors.js';

export interface JsonBodyLimits {
  /** Bytes; default 1 MB. */
  maxBytes?: number;
  maxDepth?: number;
  maxKeys?: number;
  /** Requests whose body is left unread for the route that streams it (and sets its own limit). */
  streamed?: (ctx: Context) => boolean;
}

/** A web form's address: an HTML form posts URL-encoded pairs, which its route reads. */
const WEB_FORM_PATH = /^\/api\/public\/[^/]+\/forms\/[^/]+\/?$/;

/** A plugin's public route: a page it draws (a hosted payment page) may post an HTML form to it, read here as a flat object. */
const PUBLIC_PLUGIN_PATH = /^\/api\/public\/[^/]+\/x\//;
const URL_ENCODED = 'application/x-www-form-urlencoded';

/**
 * Bodies their routes stream themselves: a file other than JSON (CSV, .xlsx) sent to an
 * import route (POST /api/records/:entity/import), a file upload (POST /api/files, and a
 * portal user's POST /api/portal/files), a plugin package (POST /api/plugins/upload) and an
 * HTML form posted to a web form (POST /api/public/:tenant/forms/:name).
 */
const csvImport = (ctx: Context): boolean =>
  ctx.method === 'POST' &&
  ((ctx.path.endsWith('/import') && ctx.is('application/json') === false) ||
    ctx.path === '/api/files' ||
    ctx.path === '/api/files/' ||
    ctx.path === '/api/portal/files' ||
    ctx.path === '/api/plugins/upload' ||
    (WEB_FORM_PATH.test(ctx.path) && ctx.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded'));

const checkShape = (value: unknown, maxDepth: number, maxKeys: number): void => {
  let keys = 0;
  const walk = (v: unknown, depth: number): void => {
    if (depth > maxDepth) throw badRequest(`The JSON body is nested deeper than ${maxDepth} levels`);
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        keys += 1;
        if (keys > maxKeys) throw badRequest(`The JSON body has more than ${maxKeys} keys`);
        if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw badRequest(`The JSON body may not use the key "${k}"`);
        walk(x, depth + 1);
      }
    }
  };
  walk(value, 0);
};

/**
 * Reads a JSON body for writes: size limit (413 before reading it all), valid JSON
 * (400), depth and key-count limits (400). The parsed body is ctx.state.body (the text as
 * sent ctx.state.rawBody; an HTML form posted to a plugin's public route is parsed too). A body
 * the `streamed` test picks (CSV for an import) is left for its route to read.
 */
export const jsonBody = (limits: JsonBodyLimits = {}) => async (ctx: Context, next: Next): Promise<void> => {
  const maxBytes = limits.maxBytes ?? 1024 * 1024;
  if ((limits.streamed ?? csvImport)(ctx)) return next();
  if (ctx.method === 'POST' && PUBLIC_PLUGIN_PATH.test(ctx.path) && ctx.is(URL_ENCODED) === URL_ENCODED) {
    const text = await getRawBody(ctx.req, { limit: Math.min(maxBytes, 64 * 1024), encoding: 'utf8' }).catch(() => {
      throw problem('PAYLOAD_TOO_LARGE', { limit: '64 KiB' });
    });
    ctx.state.body = Object.fromEntries(new URLSearchParams(text));
    ctx.state.rawBody = text;
    ctx.state.bodyBytes = Buffer.byteLength(text);
    return next();
  }
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) && ctx.request.length !== 0 && ctx.is('application/json') !== null) {
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > maxBytes) throw problem('PAYLOAD_TOO_LARGE', { limit: `${maxBytes} bytes` });
    if (ctx.is('application/json') === false) throw problem('UNSUPPORTED_MEDIA_TYPE', { expected: 'JSON (Content-Type: application/json)' });
    const text = await getRawBody(ctx.req, { limit: maxBytes, encoding: 'utf8' }).catch((e: { status?: number }) => {
      if (e.status === 413) throw problem('PAYLOAD_TOO_LARGE', { limit: `${maxBytes} bytes` });
      throw badRequest('The request body could not be read');
    });
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw problem('MALFORMED_JSON');
      }
      checkShape(parsed, limits.maxDepth ?? 32, limits.maxKeys ?? 10_000);
      ctx.state.body = parsed;
      ctx.state.rawBody = text;
      ctx.state.bodyBytes = Buffer.byteLength(text);
    }
  }
  await next();
};
