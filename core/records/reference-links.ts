import type { EntityDocument } from '../metadata/types.js';
import { type FieldProblem, problem } from '../errors.js';
import { entityOf, isUuid } from './entity-fields.js';
import { readRecord } from './get-record.js';
import type { RecordContext, RecordData } from './types.js';

type ReferenceDef = { type: 'reference'; entity: string; dependsOn?: { field: string; targetField: string }; fills?: Record<string, string> };

const referencesOf = (entity: EntityDocument): [string, ReferenceDef][] =>
  Object.entries(entity.fields ?? {}).filter((e): e is [string, ReferenceDef] => e[1].type === 'reference');

/** Whether this write chooses the reference `name` (a create that sets it, an update that changes it). */
const chosen = (name: string, values: RecordData, old?: RecordData): boolean => isUuid(values[name]) && (!old || old[name] !== values[name]);

/**
 * Fills what the entity's references say comes from the chosen record (`fills`): each field the write leaves out (on a
 * create also one sent empty) takes the referenced record's value, read with the writer's own rights (a field they
 * may not see is not copied). The value is then validated like any other.
 */
export const fillFromReferences = async (entity: EntityDocument, values: RecordData, ctx: RecordContext, old?: RecordData): Promise<RecordData> => {
  let out = values;
  for (const [name, f] of referencesOf(entity)) {
    if (!f.fills || !chosen(name, values, old)) continue;
    const wanted = Object.entries(f.fills).filter(([mine]) => values[mine] === undefined || (!old && values[mine] === null));
    if (!wanted.length) continue;
    // Read as the writer: only a record they may read, and only fields they may see, are copied.
    const row = await readRecord(entityOf(f.entity, ctx), String(values[name]), ctx, { scope: 'read', guarded: true });
    if (!row) continue; // the reference check names it
    out = { ...out, ...Object.fromEntries(wanted.filter(([, theirs]) => row[theirs] != null).map(([mine, theirs]) => [mine, row[theirs]])) };
  }
  return out;
};

/**
 * References that must agree with another (`dependsOn`): the referenced record's `targetField` holds this record's
 * `field`. Checked when either side changes, in one query; 422 naming every field that does not agree.
 */
export const checkDependencies = async (entity: EntityDocument, values: RecordData, ctx: RecordContext, old?: RecordData): Promise<void> => {
  const merged = { ...(old ?? {}), ...values };
  const checks = referencesOf(entity).flatMap(([name, f]) => {
    const dep = f.dependsOn;
    if (!dep || !isUuid(merged[name]) || !isUuid(merged[dep.field])) return [];
    if (old && !(name in values && values[name] !== old[name]) && !(dep.field in values && values[dep.field] !== old[dep.field])) return [];
    return [{ name, other: dep.field, target: f.entity, column: dep.targetField, id: merged[name], value: merged[dep.field] }];
  });
  if (!checks.length) return;
  const sql = checks.map((_, i) => `exists(select 1 from ?? where id = ? and ?? = ?) as "d${i}"`).join(', ');
  const { rows } = await ctx.db.raw(`select ${sql}`, checks.flatMap((c) => [c.target, c.id, c.column, c.value]) as never[]);
  const failed = checks.filter((_, i) => !rows[0][`d${i}`]);
  if (!failed.length) return;
  const errors: FieldProblem[] = failed.map((c) => ({ field: c.name, message: 'does not belong to the record it depends on', code: 'REFERENCE_MISMATCH' }));
  throw problem('REFERENCE_MISMATCH', { field: failed[0].name, other: failed[0].other }, { errors });
};
