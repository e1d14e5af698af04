import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../metadata/types.js';
import { invalidInput, type FieldProblem } from '../errors.js';
import { READ_ONLY_TYPES, SYSTEM_FIELDS, fieldOf } from '../records/entity-fields.js';
import type { HiddenFields } from './hidden-fields.js';
import { isKeyField, keyCandidates, naturalKeyOf } from './natural-key.js';

/** What one CSV column does on import. */
export type ImportColumn =
  | { kind: 'value'; name: string; field: string; def: FieldDefinition }
  | { kind: 'owner'; name: string; field: 'owner_id' }
  | { kind: 'reference'; name: string; field: string; target: string; by: string; keys: string[] }
  | { kind: 'ignored'; name: string };

export interface ImportPlan {
  columns: ImportColumn[];
  /** The upsert key: its column and field (def is undefined for id). */
  key?: { field: string; index: number; def?: FieldDefinition };
  /** Columns read but not written: system columns, computed fields, the error column of an error file. */
  ignored: string[];
}

const show = (name: string): string => `"${name.slice(0, 80)}"`;

/** The column of a header cell, or why it cannot be imported. Hidden fields are unknown, as they are to the record service. */
const columnOf = (entity: EntityDocument, name: string, meta: EffectiveMeta, hidden: HiddenFields): ImportColumn | string => {
  const [head, by, ...rest] = name.split('.');
  const def = hidden(entity).has(head) ? undefined : fieldOf(entity, head);
  const notField = `is not a field of ${entity.name}`;
  if (by === undefined && def && def.type !== 'reference') return READ_ONLY_TYPES.has(def.type) ? { kind: 'ignored', name } : { kind: 'value', name, field: name, def };
  if (by === undefined && !def) {
    if (name === 'owner_id') return { kind: 'owner', name, field: 'owner_id' };
    return Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, name) || name === 'error' ? { kind: 'ignored', name } : notField;
  }
  if (def?.type !== 'reference' || rest.length) return notField;
  const target = meta.entities[def.entity];
  if (!target) return `refers to the unknown entity "${def.entity}"`;
  const keys = keyCandidates(target, hidden(target));
  const key = by ?? naturalKeyOf(target, hidden(target));
  if (!keys.includes(key)) return `cannot identify a ${target.name}: use ${keys.map((k) => `${head}.${k}`).join(', ')}`;
  return { kind: 'reference', name, field: head, target: target.name, by: key, keys };
};

const keyProblem = (entity: EntityDocument, key: string, hidden: HiddenFields): string | undefined => {
  if (key === 'id') return undefined;
  const def = hidden(entity).has(key) ? undefined : fieldOf(entity, key);
  if (!def) return `${entity.name} has no field ${show(key)}`;
  if (def.unique !== true) return `${show(key)} is not a unique field of ${entity.name}`;
  return isKeyField(entity, key) ? undefined : `${show(key)} is a ${def.type} field; match records by id or a unique text, code, number or date`;
};

/**
 * Reads the header row: every column must be a field, a system column or a reference
 * by one of its keys (`account.code`); each field at most once; the upsert key must be
 * id or a unique field and have a column. Throws one 400 naming every problem.
 */
export const planImport = (entity: EntityDocument, header: string[], meta: EffectiveMeta, key: string | undefined, hidden: HiddenFields): ImportPlan => {
  const problems: FieldProblem[] = [];
  const columns: ImportColumn[] = [];
  const writes = new Map<string, string>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    const label = name || `(column ${i + 1})`;
    const c = name ? columnOf(entity, name, meta, hidden) : 'has no name';
    if (typeof c === 'string') {
      problems.push({ field: label, message: c, code: 'UNKNOWN_COLUMN' });
      columns.push({ kind: 'ignored', name: label });
      return;
    }
    const clash = c.kind === 'ignored' ? (columns.some((o) => o.name === name) ? name : undefined) : writes.get(c.field);
    if (clash !== undefined) problems.push({ field: name, message: `sets the same field as the column ${show(clash)}`, code: 'DUPLICATE_COLUMN' });
    if (c.kind !== 'ignored') writes.set(c.field, name);
    columns.push(c);
  });
  let planKey: ImportPlan['key'];
  if (key !== undefined) {
    const bad = keyProblem(entity, key, hidden);
    const index = header.findIndex((h) => h.trim() === key);
    if (bad) problems.push({ field: 'key', message: bad, code: 'INVALID_KEY' });
    else if (index < 0) problems.push({ field: 'key', message: `the file has no column ${show(key)} to match records by`, code: 'INVALID_KEY' });
    else planKey = { field: key, index, def: key === 'id' ? undefined : fieldOf(entity, key) };
  }
  if (problems.length) {
    const names = problems.map((p) => p.field);
    throw invalidInput(`The file cannot be imported into ${entity.name}: check ${names.map(show).join(', ')}`, problems);
  }
  return { columns, key: planKey, ignored: columns.filter((c) => c.kind === 'ignored').map((c) => c.name) };
};
