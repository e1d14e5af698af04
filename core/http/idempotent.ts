import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError, badRequest, problem } from '../errors.js';
import { claimKey, finishKey, releaseKey, requestHash, type KeyRef, type StoredAnswer } from '../idempotency/index.js';
import { toProblem } from './problem.js';
import { requestLocale } from './request-locale.js';
import { authOf, inTenant } from './tenant-work.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a request waits for an earlier one with the same key to finish before answering 409. */
export const IDEMPOTENCY_WAIT_MS = 10_000;
const POLL_MS = 50;
/** Answers a retry should not replay: the request did not get to run, or may succeed when sent again. */
const RETRYABLE_CODES = new Set(['TRY_AGAIN', 'QUERY_TIMEOUT', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
const KEPT_HEADERS = ['Content-Type', 'ETag', 'Location'];

const replay = (ctx: Context, answer: StoredAnswer): void => {
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
  ctx.body = answer.status === 204 ? null : answer.body;
  if (answer.headers['Content-Type']) ctx.type = answer.headers['Content-Type'];
  ctx.set('Idempotent-Replayed', 'true');
};

const answerOf = (ctx: Context): StoredAnswer | undefined => {
  const body: unknown = ctx.body;
  if (Buffer.isBuffer(body) || body instanceof Readable || body instanceof Uint8Array) return undefined;
  const headers = Object.fromEntries(KEPT_HEADERS.map((h) => [h, ctx.response.get(h)]).filter(([, v]) => v)) as Record<string, string>;
  return { status: ctx.status, body: typeof body === 'string' ? JSON.parse(body) : body ?? null, headers };
};

/**
 * `Idempotency-Key` on a POST that creates or acts. The first request with a key claims it
 * (per tenant, user and key) and its answer — success or a problem the client caused — is
 * stored for 24 h; a repeat with the same method, path and body gets that answer again with
 * `Idempotent-Replayed: true`. The same key with another request is 422. A repeat that
 * arrives while the first still runs waits for it (up to IDEMPOTENCY_WAIT_MS), then 409
 * with Retry-After. Server errors, 401, 429 and "try again" conflicts are not stored: the
 * claim is released, so a retry runs afresh. Without the header the route runs as ever.
 */
export const idempotent = (knex: Knex) => async (ctx: Context, next: Next): Promise<void> => {
  const key = ctx.get('Idempotency-Key');
  if (!key) return next();
  if (!KEY.test(key)) {
    throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', { errors: [{ field: 'Idempotency-Key', message: 'not a valid key' }] });
  }
  const ref: KeyRef = { userId: authOf(ctx).actor.id, key };
  const hash = requestHash(ctx.method, ctx.url, ctx.state.body);
  const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
  for (;;) {
    const claim = await inTenant(knex, ctx, (w) => claimKey(w.db, ref, hash));
    if (claim.kind === 'claimed') break;
    if (claim.kind === 'done') return replay(ctx, claim.answer);
    if (claim.kind === 'other-request') {
      throw problem('IDEMPOTENCY_KEY_REUSED', {}, {
        errors: [{ field: 'Idempotency-Key', message: 'was used for a different request', code: 'IDEMPOTENCY_KEY_REUSED' }],
      });
    }
    if (Date.now() >= deadline) {
      ctx.set('Retry-After', '1');
      throw problem('IDEMPOTENCY_KEY_IN_USE');
    }
    await delay(POLL_MS);
  }
  let answer: StoredAnswer | undefined;
  try {
    await next();
    answer = answerOf(ctx);
  } catch (err) {
    const { problem } = toProblem(err, String(ctx.state.requestId ?? ''), await requestLocale(ctx));
    if (problem.status < 500 && problem.status !== 408 && !RETRYABLE_CODES.has(problem.code)) {
      answer = { status: problem.status, body: problem, headers: { 'Content-Type': 'application/problem+json' } };
    }
    throw err;
  } finally {
    await inTenant(knex, ctx, (w) => (answer ? finishKey(w.db, ref, hash, answer) : releaseKey(w.db, ref, hash))).catch((e: unknown) => {
      ctx.state.log?.warn({ err: e }, 'could not store the answer of an idempotent request');
    });
  }
};
