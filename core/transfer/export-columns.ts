import type { EffectiveMeta, EntityDocument } from '../metadata/types.js';
import { fieldOf } from '../records/entity-fields.js';
import type { RecordData } from '../records/types.js';
import { formatAny, formatCell } from './cell-values.js';
import type { HiddenFields } from './hidden-fields.js';
import { naturalKeyOf } from './natural-key.js';

/** One column of an export: its header, the record paths it reads, its cell text. */
export interface ExportColumn {
  name: string;
  reads: string[];
  cell(record: RecordData): string;
}

/** Without `fields`: the id, every field the actor sees (computed ones too), the owner and the timestamps. */
export const defaultExportFields = (entity: EntityDocument, hidden: ReadonlySet<string>): string[] =>
  ['id', ...Object.keys(entity.fields ?? {}).filter((f) => !hidden.has(f)), 'owner_id', 'created_at', 'updated_at'];

const columnOf = (entity: EntityDocument, name: string, meta: EffectiveMeta, hidden: HiddenFields): ExportColumn => {
  const def = hidden(entity).has(name) ? undefined : fieldOf(entity, name);
  const target = def?.type === 'reference' ? meta.entities[def.entity] : undefined;
  if (def && target) {
    const key = naturalKeyOf(target, hidden(target));
    if (key === 'id') return { name, reads: [name], cell: (r) => formatAny(r[name]) };
    const path = `${name}.${key}`;
    const keyDef = fieldOf(target, key);
    // A target without a key value is written by id, which an import also resolves.
    return { name, reads: [name, path], cell: (r) => (r[path] === null || r[path] === undefined ? formatAny(r[name]) : formatCell(keyDef, r[path])) };
  }
  return { name, reads: [name], cell: (r) => formatCell(def, r[name]) };
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
