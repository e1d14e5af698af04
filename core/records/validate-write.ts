import type { EntityDocument, ValidationRule } from '../metadata/types.js';
import { invalidInput, type FieldProblem } from '../errors.js';
import { ruleAccepts } from '../rules/index.js';
import { DEFAULT_CALENDAR, todayIn } from '../time/index.js';
import { READ_ONLY_TYPES, SYSTEM_FIELDS, VIRTUAL_TYPES, fieldOf, isUuid } from './entity-fields.js';
import { entityValidator, schemaProblems } from './entity-validator.js';
import { isEmpty, valueProblems } from './value-checks.js';
import type { RecordContext, RecordData } from './types.js';

export interface WriteInput {
  entity: EntityDocument;
  /** The values being written (a create's whole input, an update's patch). */
  values: RecordData;
  /** The stored record, on update. */
  old?: RecordData;
}

const keyProblems = (entity: EntityDocument, values: RecordData): FieldProblem[] =>
  Object.keys(values).flatMap((key): FieldProblem[] => {
    if (key === 'owner_id') return values[key] === null || isUuid(values[key]) ? [] : [{ field: key, message: 'must be a user id (uuid)', code: 'FORMAT' }];
    if (Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, key)) return [{ field: key, message: 'is set by the engine and cannot be written', code: 'READ_ONLY' }];
    const field = fieldOf(entity, key);
    if (!field) return [{ field: key, message: `is not a field of ${entity.name}`, code: 'UNKNOWN_FIELD' }];
    if (READ_ONLY_TYPES.has(field.type)) return [{ field: key, message: `is a ${field.type.replace('_', ' ')} field and cannot be written`, code: 'READ_ONLY' }];
    return [];
  });

const requiredProblems = (entity: EntityDocument, values: RecordData, creating: boolean): FieldProblem[] =>
  Object.entries(entity.fields ?? {})
    .filter(([name, f]) => f.required && !READ_ONLY_TYPES.has(f.type) && (creating || name in values) && isEmpty(values[name]))
    .map(([name]) => ({ field: name, message: 'is required', code: 'REQUIRED' }));

const ruleProblems = (rules: ValidationRule[], data: RecordData): FieldProblem[] =>
  rules.flatMap((r) => {
    let ok: boolean;
    try {
      ok = ruleAccepts(r.rule, data);
    } catch {
      ok = false; // a rule that cannot be evaluated on this record (a bad value) is not met: the write is refused, not a 500
    }
    if (ok) return [];
    const message = r.message?.en ?? `breaks the rule "${r.name}"`;
    return (r.fields?.length ? r.fields : ['']).map((field) => ({ field, message, code: 'RULE' }));
  });

/** What rules see: the record after the write, plus $old, $user, $now, $today (in the tenant's zone) and $time. */
export const ruleData = (merged: RecordData, old: RecordData | undefined, ctx: RecordContext): RecordData => {
  const now = ctx.now ?? new Date();
  const { id, name, roles, team, isAdmin, attributes } = ctx.actor;
  const time = ctx.time ?? { timeZone: 'UTC', calendar: DEFAULT_CALENDAR };
  return { ...merged, $old: old ?? null, $user: { ...attributes, id, name, roles, team: team ?? null, isAdmin }, $now: now.toISOString(), $today: todayIn(time.timeZone, now), $time: time };
};

/**
 * Checks a write against the entity's metadata and collects every problem: unknown,
 * system and computed fields, types and formats, required, enums, patterns, ranges,
 * then the entity's rules on the record as it would be. Throws one 400 listing them all.
 */
export const validateWrite = (input: WriteInput, ctx: RecordContext): void => {
  const { entity, values, old } = input;
  const problems = [...keyProblems(entity, values), ...requiredProblems(entity, values, !old)];
  const bad = new Set(problems.map((p) => p.field));
  const writable = Object.fromEntries(Object.entries(values).filter(([k]) => !bad.has(k) && k !== 'owner_id'));
  const validate = entityValidator(entity);
  if (!validate(writable)) problems.push(...schemaProblems(validate.errors));
  for (const p of problems) bad.add(p.field);
  for (const [name, value] of Object.entries(writable)) {
    if (!bad.has(name)) problems.push(...valueProblems(name, fieldOf(entity, name)!, value, old?.[name], ctx.meta));
  }
  const merged = { ...(old ?? {}), ...values };
  for (const [name, f] of Object.entries(entity.fields ?? {})) if (!VIRTUAL_TYPES.has(f.type) && merged[name] === undefined) merged[name] = null;
  problems.push(...ruleProblems(entity.rules ?? [], ruleData(merged, old, ctx)));
  if (problems.length) {
    const fields = [...new Set(problems.map((p) => p.field).filter(Boolean))];
    throw invalidInput(`The ${entity.name} is not valid${fields.length ? `: check ${fields.join(', ')}` : ''}`, problems);
  }
};
