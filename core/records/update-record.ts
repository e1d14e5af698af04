import { checkAttachments } from './check-attachments.js';
import { checkReferences } from './check-references.js';
import { checkDependencies, fillFromReferences } from './reference-links.js';
import { withOwnerField } from './owner-field.js';
import { toColumns } from './column-values.js';
import { definedValues } from './create-values.js';
import { entityOf, isUuid } from './entity-fields.js';
import { readForChange, readRecord } from './get-record.js';
import { accessOf, withoutHidden } from './access.js';
import { checkStateFields, type StateChange } from './state-fields.js';
import { checkWrite } from '../security/access/index.js';
import { inSavepoint } from './in-savepoint.js';
import { linkAttachments } from './link-attachments.js';
import { returnedColumns, returnedRecord } from './returned-record.js';
import { searchVectorSql, searchWriteError } from './search-fields.js';
import { validateWrite } from './validate-write.js';
import { checkVersion } from './version-check.js';
import { diffRecords, writeHistory } from './write-history.js';
import type { RecordContext, RecordData, RecordEvent } from './types.js';

/**
 * Changes some fields of a live record the actor may update (404 if it may not read
 * it, 403 if only that; fields it may not write → 403): the row is locked, If-Match checked (409
 * VERSION_CONFLICT), the patch validated against the record as it would be (attached
 * files: the actor's new uploads or the field's own; dropped ones are detached), version
 * += 1, one history row with the changed fields. One savepoint: all or nothing.
 */
export async function updateRecord(
  entity: string,
  id: string,
  patch: RecordData,
  ctx: RecordContext,
  opts: {
    ifMatch?: number;
    /** A lifecycle transition's own change of its state field. */
    stateChange?: StateChange;
    /** The named action the history row records instead of `update` (a change made by a merge: `action:repoint`). */
    action?: `action:${string}`;
  } = {},
): Promise<RecordData> {
  const doc = entityOf(entity, ctx);
  return inSavepoint(ctx, async (c) => {
    const old = await readForChange(doc, id, 'update', c);
    checkVersion(entity, old, opts.ifMatch);
    const access = accessOf(doc, c);
    const given = withOwnerField(doc, definedValues(patch), c.actor, old);
    checkWrite(entity, access.rights, given, c.actor, old);
    const event: RecordEvent = { entity, action: 'update', data: await fillFromReferences(doc, given, c, old), old, ...(opts.action && { via: opts.action }) };
    await c.hooks?.before?.(event, c);
    const stated = checkStateFields(entity, event.data, c.meta, old, opts.stateChange);
    validateWrite({ entity: doc, values: stated, old }, c);
    await checkReferences(doc, stated, c, old);
    await checkDependencies(doc, stated, c, old);
    const values = await checkAttachments({ entity: doc, values: stated, recordId: String(old.id) }, c);
    const search = searchVectorSql(doc, values, true);
    const columns = returnedColumns(doc);
    const query = c.db(doc.name)
      .where({ id })
      .update({
        ...toColumns(doc, values),
        version: c.db.raw('version + 1'),
        updated_at: c.db.fn.now(),
        updated_by: isUuid(c.actor.id) ? c.actor.id : null,
        ...(search && { _search: c.db.raw(search.sql, search.bindings as never[]) }),
      });
    // The changed row comes back with the update unless the entity has computed fields (then it is read back).
    let record: RecordData;
    try {
      if (columns) record = returnedRecord(columns, ((await query.returning(columns)) as Record<string, unknown>[])[0]);
      else {
        await query;
        record = (await readRecord(doc, id, c))!;
      }
    } catch (e) {
      throw searchWriteError(doc, { ...old, ...values }, e);
    }
    await linkAttachments(doc, String(old.id), values, c);
    const changes = diffRecords(doc, old, record);
    // A transition's update is recorded once, as the transition, with every field it changed.
    const action = opts.stateChange ? (`transition:${opts.stateChange.transition}` as const) : (opts.action ?? 'update');
    if (Object.keys(changes).length || opts.stateChange) await writeHistory(entity, id, action, changes, c);
    await c.hooks?.after?.({ entity, action: 'update', data: record, old, ...(opts.stateChange && { transition: opts.stateChange.transition }), ...(opts.action && { via: opts.action }) }, c);
    return withoutHidden(record, access.hidden);
  });
}
