import type { EffectiveMeta, FieldDefinition } from '../metadata/types.js';
import type { FieldProblem } from '../errors.js';
import { maxFilesOf } from '../metadata/attachment-limits.js';
import { attachmentItems } from './attachment-items.js';
import { MAX_PATTERN_INPUT, patternProblem, safeRegExp } from './safe-pattern.js';

/** Missing for `required`: undefined, null, '' or an empty list. */
export const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Values an enum accepts: active dictionary items or options; inactive ones only where already stored. */
const enumValues = (field: FieldDefinition, meta: EffectiveMeta): { active: Set<string>; inactive: Set<string> } | undefined => {
  if (field.type !== 'enum' && field.type !== 'multi_enum') return undefined;
  const items = field.dictionary ? meta.dictionaries[field.dictionary]?.items ?? [] : field.options ?? [];
  return {
    active: new Set(items.filter((i) => i.active !== false).map((i) => i.value)),
    inactive: new Set(items.filter((i) => i.active === false).map((i) => i.value)),
  };
};

const checkEnum = (field: FieldDefinition, value: unknown, old: unknown, meta: EffectiveMeta): string | undefined => {
  const allowed = enumValues(field, meta);
  if (!allowed || value === null || value === undefined) return undefined;
  const stored = new Set(Array.isArray(old) ? old.map(String) : old == null ? [] : [String(old)]);
  const bad = (Array.isArray(value) ? value : [value]).filter(
    (v) => !allowed.active.has(String(v)) && !(allowed.inactive.has(String(v)) && stored.has(String(v))),
  );
  if (!bad.length) return undefined;
  const shown = [...allowed.active].slice(0, 20).join(', ');
  return `${bad.map((b) => `"${String(b)}"`).join(', ')} is not one of: ${shown || '(no values)'}`;
};

const checkPattern = (field: FieldDefinition, value: unknown): string | undefined => {
  if (!('pattern' in field) || typeof field.pattern !== 'string' || typeof value !== 'string' || value === '') return undefined;
  const problem = patternProblem(field.pattern);
  if (problem) return `cannot be checked: ${problem}`;
  if (value.length > MAX_PATTERN_INPUT) return `is longer than ${MAX_PATTERN_INPUT} characters, the most a pattern is checked on`;
  return safeRegExp(field.pattern).test(value) ? undefined : `must match the pattern ${field.pattern}`;
};

const checkDateRange = (field: FieldDefinition, value: unknown): string | undefined => {
  if ((field.type !== 'date' && field.type !== 'datetime') || typeof value !== 'string') return undefined;
  const at = (v: string) => (field.type === 'date' ? v.slice(0, 10) : new Date(v).toISOString());
  if (field.min && at(value) < at(field.min)) return `must be on or after ${field.min}`;
  if (field.max && at(value) > at(field.max)) return `must be on or before ${field.max}`;
  return undefined;
};

/** An attachment value's shape and count: stored files named by id, one for a single field, at most maxFiles for a multiple one. */
const checkFiles = (field: FieldDefinition, value: unknown): { message: string; code: string } | undefined => {
  if (field.type !== 'attachment' || value === null || value === undefined) return undefined;
  const items = attachmentItems(value);
  if (!field.multiple && Array.isArray(value) && value.length > 1) return { message: 'holds one file', code: 'TOO_MANY_FILES' };
  if (items.length > maxFilesOf(field)) return { message: `holds at most ${maxFilesOf(field)} files`, code: 'TOO_MANY_FILES' };
  if (items.some((i) => i === undefined)) return { message: 'must name stored files by their id', code: 'FILE_REFERENCE' };
  return undefined;
};

/** Checks of one value that JSON Schema does not cover: dictionary enums, safe patterns, date ranges, attachment shapes and counts. */
export const valueProblems = (name: string, field: FieldDefinition, value: unknown, old: unknown, meta: EffectiveMeta): FieldProblem[] => {
  const out: FieldProblem[] = [];
  const e = checkEnum(field, value, old, meta);
  if (e) out.push({ field: name, message: e, code: 'ENUM' });
  const p = checkPattern(field, value);
  if (p) out.push({ field: name, message: p, code: 'PATTERN' });
  const d = checkDateRange(field, value);
  if (d) out.push({ field: name, message: d, code: 'RANGE' });
  const f = checkFiles(field, value);
  if (f) out.push({ field: name, ...f });
  return out;
};
