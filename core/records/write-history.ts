import type { EntityDocument } from '../metadata/types.js';
import { VIRTUAL_TYPES, isUuid } from './entity-fields.js';
import { recordChangedEvent } from './record-changed-event.js';
import type { HistoryAction, RecordContext, RecordData } from './types.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** field → [old, new] for the stored fields (and owner) whose value differs. */
export const diffRecords = (entity: EntityDocument, before: RecordData | undefined, after: RecordData): Record<string, [unknown, unknown]> => {
  const names = ['owner_id', ...Object.entries(entity.fields ?? {}).filter(([, f]) => !VIRTUAL_TYPES.has(f.type)).map(([n]) => n)];
  const out: Record<string, [unknown, unknown]> = {};
  for (const n of names) {
    const [a, b] = [before?.[n] ?? null, after[n] ?? null];
    if (!same(a, b)) out[n] = [a, b];
  }
  return out;
};

/**
 * One _history row, in the caller's transaction, and in the same statement the live event
 * `record.changed` (core/events) for whoever may read the record: entity, id, action and
 * who changed it, never values (a reader refetches through the record service).
 */
export const writeHistory = async (
  entity: string,
  id: string,
  action: HistoryAction,
  changes: Record<string, [unknown, unknown]>,
  ctx: RecordContext,
): Promise<void> => {
  const actorId = isUuid(ctx.actor.id) ? ctx.actor.id : null;
  const event = recordChangedEvent(entity, id, action, ctx.actor);
  await ctx.db.raw(
    `with h as (insert into _history (entity, record_id, action, actor_id, changes) values (?, ?, ?, ?, ?::jsonb))
     insert into _events (topic, audience, data) values (?, ?::jsonb, ?::jsonb)`,
    [entity, id, action, actorId, JSON.stringify(changes), event.topic, JSON.stringify(event.audience), JSON.stringify(event.data)],
  );
};
