import { fieldProblem, invalidInput, notFound, problem } from '../errors.js';
import type { RecordContext } from '../records/index.js';
import { enqueueJob } from '../workflow/index.js';
import { assertAdmin, findWebhook } from './manage-webhooks.js';
import { WEBHOOK_QUEUE, type DeliveryRow, type DeliveryStatus } from './types.js';

const STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'delivered', 'dead', 'skipped'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A delivery as the log shows it (the event's record stays in the tenant: it is shaped for the owner only when sent). */
export const deliveryView = (r: DeliveryRow) => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  entity: r.entity,
  recordId: r.record_id,
  status: r.status,
  attempts: r.attempts,
  responseCode: r.response_code,
  durationMs: r.duration_ms,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
});

/** A subscription's delivery log, newest first, by keyset (`cursor` is the last id seen); tenant admins. */
export const listDeliveries = async (webhookId: string, q: { status?: string; limit?: number; cursor?: string }, ctx: RecordContext) => {
  assertAdmin(ctx);
  await findWebhook(webhookId, ctx);
  const problems = [
    ...(q.status !== undefined && !STATUSES.includes(q.status as DeliveryStatus) ? [fieldProblem('ENUM', 'status', { values: q.status, allowed: STATUSES.join(', ') })] : []),
    ...(q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit >= 1 && q.limit <= 200) ? [fieldProblem('WHOLE_NUMBER_RANGE', 'limit', { min: 1, max: 200 })] : []),
    ...(q.cursor !== undefined && !UUID.test(q.cursor) ? [fieldProblem('INVALID', 'cursor')] : []),
  ];
  if (problems.length) throw invalidInput('The delivery query is not valid', problems);
  const limit = q.limit ?? 50;
  const query = ctx.db('_webhook_deliveries').where({ webhook_id: webhookId }).orderBy('id', 'desc').limit(limit + 1);
  if (q.status) query.where({ status: q.status });
  if (q.cursor) query.where('id', '<', q.cursor);
  const rows = (await query.select('*')) as DeliveryRow[];
  const page = rows.slice(0, limit);
  return { data: page.map(deliveryView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
};

/**
 * Sends a delivery again (tenant admins), as a new job with a fresh set of attempts: 409
 * while it is still on its way (pending or retrying).
 */
export const redeliver = async (webhookId: string, deliveryId: string, ctx: RecordContext, tenantId: string) => {
  assertAdmin(ctx);
  await findWebhook(webhookId, ctx);
  const row = UUID.test(deliveryId) ? ((await ctx.db('_webhook_deliveries').where({ id: deliveryId, webhook_id: webhookId }).forUpdate().first()) as DeliveryRow | undefined) : undefined;
  if (!row) throw notFound(`No delivery ${deliveryId.slice(0, 80)} of this subscription`);
  if (row.status === 'pending' || row.status === 'retrying') throw problem('WEBHOOK_DELIVERY_IN_FLIGHT');
  const [updated] = (await ctx.db('_webhook_deliveries').where({ id: row.id }).update({ status: 'pending', updated_at: ctx.db.fn.now() }).returning('*')) as DeliveryRow[];
  await enqueueJob(ctx.db, tenantId, WEBHOOK_QUEUE, [{ delivery: row.id }]);
  return deliveryView(updated);
};
