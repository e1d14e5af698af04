import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../metadata/types.js';
import { invalidInput } from '../errors.js';
import { columnTypeOf } from './column-type.js';
import { catalogName } from './catalog-names.js';
import { metadataIndexes } from './metadata-indexes.js';
import { assertStableId } from './catalog-comment.js';
import { DELETED_ROWS, LIVE_ROWS, SYSTEM_COLUMNS, SYSTEM_COLUMN_NAMES } from './system-columns.js';
import type { DesiredColumn, DesiredForeignKey, DesiredIndex, DesiredTable } from './types.js';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

const checkName = (name: string, where: string): void => {
  if (!NAME.test(name)) throw invalidInput(`Invalid name "${name}"`, [{ field: where, message: 'must match ^[a-z][a-z0-9_]{0,62}$' }]);
};

const systemIndexes = (table: string): DesiredIndex[] => [
  { name: catalogName(table, ['owner_id'], 'idx'), columns: ['owner_id'], unique: false, method: 'btree' },
  { name: catalogName(table, ['deleted_at'], 'idx'), columns: ['deleted_at'], unique: false, method: 'btree', where: DELETED_ROWS },
  { name: catalogName(table, ['_search'], 'gin'), columns: ['_search'], unique: false, method: 'gin' },
];

/** The index a field asks for, if any: unique, auto-number, indexed, reference or user. */
const fieldIndex = (table: string, column: string, field: FieldDefinition, type: string): DesiredIndex | undefined => {
  if (field.type === 'auto_number') {
    return { name: catalogName(table, [column], 'uniq'), columns: [column], unique: true, method: 'btree' };
  }
  if (field.unique) {
    return { name: catalogName(table, [column], 'uniq'), columns: [column], unique: true, method: 'btree', where: LIVE_ROWS };
  }
  if (!field.indexed && field.type !== 'reference' && field.type !== 'user') return undefined;
  if (type === 'text[]' || type === 'jsonb') {
    return { name: catalogName(table, [column], 'gin'), columns: [column], unique: false, method: 'gin' };
  }
  return { name: catalogName(table, [column], 'idx'), columns: [column], unique: false, method: 'btree' };
};

/**
 * A pg_trgm GIN index on each text column search reads (the title and the entity's search
 * fields: `searchFields`, else every text field — as core/records/search-fields.ts), so a
 * substring search (`ILIKE '%…%'`, search everywhere and a list's `q`) and a typo match
 * read an index instead of every row; and on the field of each `similar` duplicate rule,
 * so the duplicate review finds similar pairs by the index (core/records/find-duplicates.ts).
 * Planned only where pg_trgm is installed (plan-indexes).
 */
const trigramIndexes = (entity: EntityDocument, columns: DesiredColumn[]): DesiredIndex[] => {
  const text = new Set(columns.filter((c) => !c.system && c.type === 'text').map((c) => c.name));
  const named = entity.searchFields ?? [...text];
  const similar = (entity.duplicateRules ?? []).filter((r) => r.match === 'similar').map((r) => r.field);
  return [...new Set([...(entity.titleField ? [entity.titleField] : []), ...named, ...similar])]
    .filter((n) => text.has(n))
    .map((n) => ({ name: catalogName(entity.name, [n], 'trgm'), columns: [n], unique: false, method: 'gin' as const, opclass: 'gin_trgm_ops' as const }));
};

const desiredTable = (entity: EntityDocument, meta: EffectiveMeta): DesiredTable => {
  const table = entity.name;
  checkName(table, `entity ${table}`);
  if (entity.id) assertStableId(entity.id, `entity ${table}`);
  const columns: DesiredColumn[] = SYSTEM_COLUMNS.map((c) => ({ ...c }));
  const indexes = systemIndexes(table);
  const foreignKeys: DesiredForeignKey[] = [];
  const ids = new Set<string>();
  for (const [name, field] of Object.entries(entity.fields ?? {})) {
    const where = `${table}.${name}`;
    checkName(name, where);
    if (SYSTEM_COLUMN_NAMES.has(name)) throw invalidInput(`Field name "${name}" is reserved`, [{ field: where, message: 'reserved for a system column' }]);
    const type = columnTypeOf(field);
    if (type === null) continue;
    if (field.id) {
      assertStableId(field.id, where);
      if (ids.has(field.id)) throw invalidInput(`Duplicate field id "${field.id}"`, [{ field: where, message: 'id used by another field' }]);
      ids.add(field.id);
    }
    columns.push({ name, type, id: field.id, system: false });
    const index = fieldIndex(table, name, field, type);
    if (index) indexes.push(index);
    if (field.type === 'reference') {
      if (!meta.entities[field.entity]) throw invalidInput(`Field "${where}" references unknown entity "${field.entity}"`, [{ field: where, message: 'unknown entity' }]);
      foreignKeys.push({ name: catalogName(table, [name], 'fkey'), column: name, refTable: field.entity, onDelete: field.onDelete ?? 'restrict' });
    }
  }
  indexes.push(...trigramIndexes(entity, columns));
  const named = new Set(indexes.map((i) => i.name));
  indexes.push(...metadataIndexes(entity, meta, columns).filter((i) => !named.has(i.name)));
  return { name: table, id: entity.id, columns, indexes, foreignKeys };
};

/** One table per entity, with its system columns, field columns, indexes and foreign keys; sorted by name. */
export function desiredSchema(meta: EffectiveMeta): DesiredTable[] {
  const tables = Object.values(meta.entities)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entity) => desiredTable(entity, meta));
  const ids = new Set<string>();
  for (const t of tables) {
    if (!t.id) continue;
    if (ids.has(t.id)) throw invalidInput(`Duplicate entity id "${t.id}"`, [{ field: `entity ${t.name}`, message: 'id used by another entity' }]);
    ids.add(t.id);
  }
  return tables;
}
