import type { Context, Next } from 'koa';
import { Readable } from 'node:stream';

/**
 * Serialises an object or array body to a JSON string once. Left to Koa, a JSON body is
 * stringified twice: once when the compression middleware asks for its length, once when
 * it is sent.
 */
export const jsonResponse = async (ctx: Context, next: Next): Promise<void> => {
  await next();
  const body: unknown = ctx.body;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || body instanceof Readable || body instanceof Uint8Array) return;
  const type = ctx.response.get('Content-Type');
  ctx.body = JSON.stringify(body);
  ctx.type = type || 'application/json';
};
