import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import { workflowNamed } from '../definitions.js';
import { readState, writeState } from './wf-state.js';

const keyOf = (workflow: string) => `webhook-secret:${workflow}`;

/**
 * The signature a sender puts in X-Signature: `sha256=` and the hex HMAC-SHA256 of the raw
 * body, or, when the sender also sends X-Timestamp (Unix seconds), of `<timestamp>.<body>`,
 * which lets the receiver refuse replays of old deliveries.
 */
export const signBody = (secret: string, body: string, timestamp?: string): string =>
  `sha256=${createHmac('sha256', secret).update(timestamp === undefined ? body : `${timestamp}.${body}`).digest('hex')}`;

/** Whether X-Signature matches the body (and the timestamp, when sent), in constant time. */
export const signatureMatches = (secret: string, body: string, header: string | undefined, timestamp?: string): boolean => {
  if (!header) return false;
  const want = Buffer.from(signBody(secret, body, timestamp));
  const got = Buffer.from(header.startsWith('sha256=') ? header : `sha256=${header}`);
  return want.length === got.length && timingSafeEqual(want, got);
};

/** A webhook workflow's secret (made on first ask, or anew with `rotate`), for tenant admins. */
export const webhookSecret = async (input: { workflow: string; rotate?: boolean }, ctx: { db: Knex.Transaction; meta: EffectiveMeta }): Promise<string> => {
  const wf = workflowNamed(ctx.meta, input.workflow);
  if (wf.trigger.on !== 'webhook') throw problem('NOT_WEBHOOK', { workflow: wf.name });
  const current = await readState<string>(ctx.db, keyOf(wf.name));
  if (current && !input.rotate) return current;
  const secret = randomBytes(32).toString('hex');
  await writeState(ctx.db, keyOf(wf.name), secret);
  return secret;
};

export const storedSecret = (db: Knex.Transaction, workflow: string): Promise<string | undefined> => readState<string>(db, keyOf(workflow));
