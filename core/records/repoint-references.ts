import { isUuid } from './entity-fields.js';
import { withSystemRights } from './system-rights.js';
import { updateRecord } from './update-record.js';
import { writeHistory } from './write-history.js';
import type { RecordContext } from './types.js';

/** One reference field of one entity: `entity.field`. */
export interface ReferenceField {
  entity: string;
  field: string;
}

/**
 * Moves every `on.field` of `on.entity` pointing at `from` (records in the recycle bin
 * included) to `to`, or — undoing — only the records `only` that still point at `from`.
 * A live record changes through the record service (`updateRecord`, with the rights of a
 * change derived from the merge the actor was allowed to make): its hooks and workflows
 * run, its validation applies, the live event goes out and its history row
 * `action:repoint` names the field's old and new value; what depends on it (roll-ups and
 * formulas of the parents) is computed from the moved row. A record in the recycle bin
 * (no hooks fire for it) gets the same history row. Returns the ids moved, in id order.
 */
export const repointReferences = async (on: ReferenceField, from: string, to: string, ctx: RecordContext, only?: string[]): Promise<string[]> => {
  const query = ctx.db(on.entity).where(on.field, from).select('id', 'deleted_at').orderBy('id');
  if (only) query.whereIn('id', only);
  const rows = (await query) as { id: string; deleted_at: unknown }[];
  const system = withSystemRights(ctx);
  const moved: string[] = [];
  for (const row of rows) {
    const id = String(row.id);
    if (row.deleted_at == null) {
      await updateRecord(on.entity, id, { [on.field]: to }, system, { action: 'action:repoint' });
    } else {
      await ctx.db(on.entity)
        .where({ id })
        .update({ [on.field]: to, version: ctx.db.raw('version + 1'), updated_at: ctx.db.fn.now(), updated_by: isUuid(ctx.actor.id) ? ctx.actor.id : null });
      await writeHistory(on.entity, id, 'action:repoint', { [on.field]: [from, to] }, ctx);
    }
    moved.push(id);
  }
  return moved;
};
