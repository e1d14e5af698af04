import { v7 as uuidv7 } from 'uuid';
import { notFound, problem } from '../errors.js';
import type { RecordContext } from '../records/index.js';
import { maskSecret, newSecret } from './sign.js';
import type { WebhookRow } from './types.js';
import { checkWebhookInput } from './webhook-input.js';

/** A subscription as the API shows it: the secret masked (shown whole only when made or rotated). */
export const webhookView = (row: WebhookRow, showSecret = false) => ({
  id: row.id,
  url: row.url,
  description: row.description,
  entities: row.entities,
  events: row.events,
  active: row.active,
  secret: showSecret ? row.secret : maskSecret(row.secret),
  ownerId: row.owner_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const assertAdmin = (ctx: RecordContext): void => {
  if (!ctx.actor.isAdmin) throw problem('ADMINS_ONLY');
};

/** The subscription, or 404. */
export const findWebhook = async (id: string, ctx: RecordContext): Promise<WebhookRow> => {
  const row = UUID.test(id) ? ((await ctx.db('_webhooks').where({ id }).first()) as WebhookRow | undefined) : undefined;
  if (!row) throw notFound(`No webhook subscription ${id.slice(0, 80)}`);
  return row;
};

/** Every subscription of the tenant, newest first (tenant admins). */
export const listWebhooks = async (ctx: RecordContext) => {
  assertAdmin(ctx);
  const rows = (await ctx.db('_webhooks').orderBy('id', 'desc').select('*')) as WebhookRow[];
  return { data: rows.map((r) => webhookView(r)) };
};

/** Subscribes a URL (tenant admins); the creator owns it, and the answer shows its secret this once. */
export const createWebhook = async (input: unknown, ctx: RecordContext, opts: { allow: string[] }) => {
  assertAdmin(ctx);
  const v = await checkWebhookInput(input, ctx.meta, { allow: opts.allow, partial: false });
  if (!UUID.test(ctx.actor.id)) throw problem('ADMINS_ONLY');
  const [row] = (await ctx.db('_webhooks')
    .insert({ id: uuidv7(), url: v.url, description: v.description ?? null, entities: v.entities, events: v.events, active: v.active ?? true, secret: newSecret(), owner_id: ctx.actor.id })
    .returning('*')) as WebhookRow[];
  return webhookView(row, true);
};

/** Changes a subscription (tenant admins); `rotateSecret: true` makes a new secret, shown in this answer only. */
export const updateWebhook = async (id: string, input: unknown, ctx: RecordContext, opts: { allow: string[] }) => {
  assertAdmin(ctx);
  await findWebhook(id, ctx);
  const { rotateSecret, ...v } = await checkWebhookInput(input, ctx.meta, { allow: opts.allow, partial: true });
  const [row] = (await ctx.db('_webhooks')
    .where({ id })
    .update({ ...v, ...(rotateSecret && { secret: newSecret() }), updated_at: ctx.db.fn.now() })
    .returning('*')) as WebhookRow[];
  return webhookView(row, rotateSecret === true);
};

/** Removes a subscription and its delivery log (tenant admins); deliveries on their way are dropped. */
export const deleteWebhook = async (id: string, ctx: RecordContext): Promise<void> => {
  assertAdmin(ctx);
  await findWebhook(id, ctx);
  await ctx.db('_webhooks').where({ id }).delete();
};
