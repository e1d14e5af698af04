import type { EntityDocument } from '../metadata/types.js';
import { type FieldProblem, problem } from '../errors.js';
import { fieldOf, isUuid } from './entity-fields.js';
import type { RecordContext, RecordData } from './types.js';

/**
 * New references must point at live records of their entity in this tenant; one query
 * checks them all. 422 naming every field that does not (the foreign keys hold the
 * same line against races).
 */
export const checkReferences = async (entity: EntityDocument, values: RecordData, ctx: RecordContext, old?: RecordData): Promise<void> => {
  const refs = Object.entries(values).flatMap(([name, value]) => {
    const f = fieldOf(entity, name);
    return f?.type === 'reference' && isUuid(value) && old?.[name] !== value ? [{ name, target: f.entity, id: value }] : [];
  });
  if (!refs.length) return;
  const sql = refs.map((_, i) => `exists(select 1 from ?? where id = ? and deleted_at is null) as "r${i}"`).join(', ');
  const { rows } = await ctx.db.raw(`select ${sql}`, refs.flatMap((r) => [r.target, r.id]));
  const problems: FieldProblem[] = refs
    .filter((_, i) => !rows[0][`r${i}`])
    .map((r) => ({ field: r.name, message: `no ${r.target} with id ${r.id}`, code: 'REFERENCE_NOT_FOUND' }));
  if (problems.length) throw problem('REFERENCE_MISSING', { entity: entity.name }, { errors: problems });
};
