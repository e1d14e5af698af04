import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../metadata/types.js';
import { fieldOf } from '../records/entity-fields.js';
import type { RecordData } from '../records/types.js';
import { formatAny, formatCell } from './cell-values.js';
import type { HiddenFields } from './hidden-fields.js';
import { naturalKeyOf } from './natural-key.js';

/** What a column's cells are, for formats with typed cells (a worksheet). */
export type CellKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime';

/** One column of an export: its header, the record paths it reads, its cell text and the kind of its values. */
export interface ExportColumn {
  name: string;
  reads: string[];
  cell(record: RecordData): string;
  kind: CellKind;
}

const NUMBERS: ReadonlySet<string> = new Set(['integer', 'decimal', 'currency', 'percent', 'rollup']);
const SYSTEM_KINDS: Readonly<Record<string, CellKind>> = { created_at: 'datetime', updated_at: 'datetime', version: 'number' };

/** The kind of a field's values; a formula's is its result's. */
export const cellKind = (def: FieldDefinition | undefined): CellKind => {
  const type = def?.type === 'formula' ? def.resultType : def?.type;
  if (type && NUMBERS.has(type)) return 'number';
  return type === 'boolean' || type === 'date' || type === 'datetime' ? type : 'text';
};

/** The field a column reads: a field of the entity or, for `ref.field`, of the referenced entity. */
const fieldAt = (entity: EntityDocument, name: string, meta: EffectiveMeta, hidden: HiddenFields): FieldDefinition | undefined => {
  const [head, tail, ...rest] = name.split('.');
  const def = hidden(entity).has(head) ? undefined : fieldOf(entity, head);
  if (tail === undefined || rest.length) return def;
  const target = def?.type === 'reference' ? meta.entities[def.entity] : undefined;
  return target && !hidden(target).has(tail) ? fieldOf(target, tail) : undefined;
};

/**
 * Without `fields`: the id, every field the actor sees (computed ones too) but internal keys,
 * the owner and the timestamps. An internal key is still exported when named.
 */
export const defaultExportFields = (entity: EntityDocument, hidden: ReadonlySet<string>): string[] =>
  ['id', ...Object.entries(entity.fields ?? {}).filter(([f, def]) => !hidden.has(f) && !def.internal).map(([f]) => f), 'owner_id', 'created_at', 'updated_at'];

const columnOf = (entity: EntityDocument, name: string, meta: EffectiveMeta, hidden: HiddenFields): ExportColumn => {
  const def = hidden(entity).has(name) ? undefined : fieldOf(entity, name);
  const target = def?.type === 'reference' ? meta.entities[def.entity] : undefined;
  if (def && target) {
    const key = naturalKeyOf(target, hidden(target));
    if (key === 'id') return { name, reads: [name], cell: (r) => formatAny(r[name]), kind: 'text' };
    const path = `${name}.${key}`;
    const keyDef = fieldOf(target, key);
    // A target without a key value is written by id, which an import also resolves.
    // Kept as text: a key that looks like a number is still a key.
    return { name, reads: [name, path], cell: (r) => (r[path] === null || r[path] === undefined ? formatAny(r[name]) : formatCell(keyDef, r[path])), kind: 'text' };
  }
  const kind = SYSTEM_KINDS[name] ?? cellKind(name.includes('.') ? fieldAt(entity, name, meta, hidden) : def);
  return { name, reads: [name], cell: (r) => formatCell(def, r[name]), kind };
};

/**
 * The columns of an export: each named field as its cell text, references by the
 * target's natural key (column named after the field), `ref.field` paths as they read.
 * Names the record service does not know (hidden ones included) are refused by it (400 naming them).
 */
export const exportColumns = (entity: EntityDocument, fields: string[] | undefined, meta: EffectiveMeta, hidden: HiddenFields): ExportColumn[] => {
  const names = [...new Set((fields?.length ? fields : defaultExportFields(entity, hidden(entity))).map((f) => f.trim()).filter(Boolean))];
  return names.map((n) => columnOf(entity, n, meta, hidden));
};
