import { invalidInput } from '../errors.js';
import { accessOf, withoutHidden } from './access.js';
import { checkStateFields } from './state-fields.js';
import { checkWrite } from '../security/access/index.js';
import { v7 as uuidv7 } from 'uuid';
import type { EntityDocument } from '../metadata/types.js';
import { autoNumberValues, defaultValues, definedValues } from './create-values.js';
import { checkAttachments } from './check-attachments.js';
import { checkReferences } from './check-references.js';
import { checkDependencies, fillFromReferences } from './reference-links.js';
import { withOwnerField } from './owner-field.js';
import { toColumns } from './column-values.js';
import { entityOf, isUuid } from './entity-fields.js';
import { readRecord } from './get-record.js';
import { inSavepoint } from './in-savepoint.js';
import { linkAttachments } from './link-attachments.js';
import { returnedColumns, returnedRecord } from './returned-record.js';
import { searchVectorSql, searchWriteError } from './search-fields.js';
import { validateWrite } from './validate-write.js';
import { diffRecords, writeHistory } from './write-history.js';
import type { RecordContext, RecordData, RecordEvent } from './types.js';

/** Inserts the row; the stored record comes back with it unless the entity has computed fields (then it is read back). */
const insert = async (doc: EntityDocument, data: RecordData, ctx: RecordContext, given?: string): Promise<{ id: string; record: RecordData }> => {
  const id = given ?? uuidv7();
  const actor = isUuid(ctx.actor.id) ? ctx.actor.id : null;
  const search = searchVectorSql(doc, data, false);
  const columns = returnedColumns(doc);
  const query = ctx.db(doc.name).insert({
    ...toColumns(doc, data),
    id,
    created_by: actor,
    updated_by: actor,
    owner_id: data.owner_id ?? actor,
    ...(search && { _search: ctx.db.raw(search.sql, search.bindings as never[]) }),
  });
  if (columns) {
    const [row] = (await query.returning(columns)) as Record<string, unknown>[];
    return { id, record: returnedRecord(columns, row) };
  }
  await query;
  return { id, record: (await readRecord(doc, id, ctx))! };
};

/**
 * Creates a record: rights (create, writable fields, assign), defaults and values from chosen references, before hook, validation (every problem at once),
 * references (live, and agreeing where they depend on another), attached files (the actor's own uploads, which then belong to the record), auto-numbers, insert with a uuid v7, history, after hook. One savepoint:
 * on any error nothing is written.
 */
export async function createRecord(entity: string, input: RecordData, ctx: RecordContext, opts: { /** The new record's id (an upsert by id); default a new uuid v7. */ id?: string } = {}): Promise<RecordData> {
  const doc = entityOf(entity, ctx);
  if (opts.id !== undefined && !isUuid(opts.id)) throw invalidInput('The id must be a uuid', [{ field: 'id', message: 'must be a uuid' }]);
  return inSavepoint(ctx, async (c) => {
    const given = withOwnerField(doc, definedValues(input), c.actor);
    const access = accessOf(doc, c);
    checkWrite(entity, access.rights, given, c.actor);
    const data: RecordData = checkStateFields(entity, await fillFromReferences(doc, { ...defaultValues(doc, given, c), ...given }, c), c.meta);
    const event: RecordEvent = { entity, action: 'create', data };
    await c.hooks?.before?.(event, c);
    validateWrite({ entity: doc, values: event.data }, c);
    await checkReferences(doc, event.data, c);
    await checkDependencies(doc, event.data, c);
    const checked = await checkAttachments({ entity: doc, values: event.data }, c);
    const row = { ...checked, ...(await autoNumberValues(doc, c)) };
    const { id, record } = await insert(doc, row, c, opts.id).catch((e: unknown) => {
      throw searchWriteError(doc, row, e);
    });
    await linkAttachments(doc, id, checked, c, { created: true });
    await writeHistory(entity, id, 'create', diffRecords(doc, undefined, record), c);
    await c.hooks?.after?.({ entity, action: 'create', data: record }, c);
    return withoutHidden(record, access.hidden);
  });
}
