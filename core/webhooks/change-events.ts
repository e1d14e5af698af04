import { v7 as uuidv7 } from 'uuid';
import type { EntityDocument, EffectiveMeta } from '../metadata/types.js';
import { lifecyclesOf, type RecordData, type RecordEvent, type RecordHooks } from '../records/index.js';
import { composeHooks, enqueueJob } from '../workflow/index.js';
import { WEBHOOK_QUEUE, type EventPayload, type WebhookEvent } from './types.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The entity's own fields the change touched: set ones on create, different ones on update, none on delete. */
const changedFields = (doc: EntityDocument | undefined, event: RecordEvent): string[] => {
  const fields = Object.keys(doc?.fields ?? {});
  if (event.action === 'create') return fields.filter((f) => event.data[f] !== undefined && event.data[f] !== null);
  if (event.action === 'update') return fields.filter((f) => f in event.data && !same(event.data[f], event.old?.[f]));
  return [];
};

/** The events a change is, most specific first: a transition is also an update. */
const candidates = (event: RecordEvent): WebhookEvent[] => {
  if (event.action === 'create') return ['created'];
  if (event.action === 'delete') return ['deleted'];
  if (event.action === 'update') return event.transition ? ['transitioned', 'updated'] : ['updated'];
  return [];
};

const payloadOf = (type: WebhookEvent, event: RecordEvent, changed: string[], doc: EntityDocument | undefined, lifecycleField: string | undefined): EventPayload => {
  const record: RecordData = event.data;
  return {
    event: type,
    entity: event.entity,
    recordId: String(record.id),
    version: typeof record.version === 'number' ? record.version : record.version == null ? null : Number(record.version),
    changed,
    occurredAt: new Date().toISOString(),
    record,
    ...(type === 'transitioned' && { transition: { name: event.transition!, field: lifecycleField, from: lifecycleField ? event.old?.[lifecycleField] : undefined, to: lifecycleField ? record[lifecycleField] : undefined } }),
  };
};

const stateFieldOf = (entity: string, transition: string, meta: EffectiveMeta): string | undefined =>
  [...lifecyclesOf(entity, meta).values()].find((l) => l.transitions.some((t) => t.name === transition))?.field;

/**
 * The record hook of change webhooks, inside the record's transaction: for each active
 * subscription to the entity that wants this change (a transition goes to subscribers of
 * `transitioned`, else of `updated`), a delivery row and its job in the outbox. A rolled-back
 * change leaves neither; a committed one is delivered even if the process dies right after.
 */
export const webhookHooks = (tenantId: string): RecordHooks => ({
  async after(event, ctx) {
    const kinds = candidates(event);
    if (!kinds.length) return;
    const subs = (await ctx.db('_webhooks').where({ active: true }).whereRaw('entities @> ?::text[]', [[event.entity]]).select('id', 'events')) as { id: string; events: WebhookEvent[] }[];
    if (!subs.length) return;
    const doc = ctx.meta.entities[event.entity];
    const changed = changedFields(doc, event);
    const lifecycleField = event.transition ? stateFieldOf(event.entity, event.transition, ctx.meta) : undefined;
    const rows = subs.flatMap((s) => {
      const type = kinds.find((k) => s.events.includes(k));
      if (!type) return [];
      const payload = payloadOf(type, event, changed, doc, lifecycleField);
      return [{ id: uuidv7(), webhook_id: s.id, event: type, entity: event.entity, record_id: payload.recordId, payload: JSON.stringify(payload) }];
    });
    if (!rows.length) return;
    await ctx.db('_webhook_deliveries').insert(rows);
    await enqueueJob(ctx.db, tenantId, WEBHOOK_QUEUE, rows.map((r) => ({ delivery: r.id })));
  },
});

/** A tenant's plugin hooks followed by its change webhooks: the hooks every door's writes run before the workflow engine's. */
export const withChangeWebhooks = (tenantId: string, pluginHooks?: RecordHooks): RecordHooks => composeHooks(pluginHooks, webhookHooks(tenantId));
