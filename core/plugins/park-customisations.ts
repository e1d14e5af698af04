import type { MetadataDocument } from '../metadata/types.js';
import { docKey } from './plugin-changes.js';
import type { UpgradeConflict } from './types.js';

/** A piece of the tenant's layer set aside while the plugin it depends on is uninstalled. */
export type ParkedPart =
  | { type: 'document'; doc: MetadataDocument }
  | { type: 'role_entry'; role: string; entity: string; access: unknown }
  | { type: 'field'; entity: string; field: string; definition: unknown };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kinds bound to one entity by their `entity` property. */
const ENTITY_BOUND = new Set(['form', 'view', 'lifecycle', 'workflow', 'report']);

const pointsAt = (field: unknown, entities: Set<string>): boolean => {
  if (!isObj(field)) return false;
  if (typeof field.entity === 'string' && entities.has(field.entity)) return true;
  if (typeof field.through === 'string' && entities.has(field.through)) return true;
  return field.type === 'rollup' && typeof field.relation === 'string' && entities.has(field.relation.split('.')[0]);
};

/**
 * Splits the tenant's layer into what stays and what depends on the plugin's documents:
 * customisations of them, documents bound to its entities, role entries for its
 * entities and the tenant's own fields pointing at them (their columns are retired, data
 * kept). Pure.
 */
export const parkCustomisations = (tenantDocs: MetadataDocument[], pluginDocs: MetadataDocument[]): { kept: MetadataDocument[]; parked: ParkedPart[] } => {
  const keys = new Set(pluginDocs.map((d) => docKey(d.kind, d.name)));
  const entities = new Set(pluginDocs.filter((d) => d.kind === 'entity').map((d) => d.name));
  const parked: ParkedPart[] = [];
  const kept = tenantDocs.flatMap((doc): MetadataDocument[] => {
    if (keys.has(docKey(doc.kind, doc.name)) || (ENTITY_BOUND.has(doc.kind) && typeof doc.entity === 'string' && entities.has(doc.entity))) {
      parked.push({ type: 'document', doc });
      return [];
    }
    if (doc.kind === 'role' && isObj(doc.entities) && Object.keys(doc.entities).some((e) => entities.has(e))) {
      for (const [entity, access] of Object.entries(doc.entities)) if (entities.has(entity)) parked.push({ type: 'role_entry', role: doc.name, entity, access });
      return [{ ...doc, entities: Object.fromEntries(Object.entries(doc.entities).filter(([e]) => !entities.has(e))) }];
    }
    if (doc.kind === 'entity' && isObj(doc.fields) && Object.values(doc.fields).some((f) => pointsAt(f, entities))) {
      for (const [field, definition] of Object.entries(doc.fields)) if (pointsAt(definition, entities)) parked.push({ type: 'field', entity: doc.name, field, definition });
      return [{ ...doc, fields: Object.fromEntries(Object.entries(doc.fields).filter(([, f]) => !pointsAt(f, entities))) }];
    }
    return [doc];
  });
  return { kept, parked };
};

/** Puts parked parts back; a place taken in the meantime is a conflict, a document gone in the meantime a note. Pure. */
export const restoreCustomisations = (
  tenantDocs: MetadataDocument[],
  parked: ParkedPart[],
): { documents: MetadataDocument[]; notes: string[]; conflicts: UpgradeConflict[] } => {
  const documents = structuredClone(tenantDocs);
  const notes: string[] = [];
  const conflicts: UpgradeConflict[] = [];
  const find = (kind: string, name: string) => documents.find((d) => d.kind === kind && d.name === name);
  for (const part of parked) {
    if (part.type === 'document') {
      const key = docKey(part.doc.kind, part.doc.name);
      if (find(part.doc.kind, part.doc.name)) conflicts.push({ document: key, message: 'the tenant now has its own document with this name; rename or remove it first' });
      else documents.push(part.doc);
      continue;
    }
    const kind = part.type === 'role_entry' ? 'role' : 'entity';
    const name = part.type === 'role_entry' ? part.role : part.entity;
    const key = part.type === 'role_entry' ? part.entity : part.field;
    const doc = find(kind, name);
    const map = part.type === 'role_entry' ? 'entities' : 'fields';
    if (!doc) {
      notes.push(`${docKey(kind, name)} no longer exists; its ${part.type === 'role_entry' ? 'rights on' : 'field'} "${key}" stay removed`);
    } else if (isObj(doc[map]) && key in (doc[map] as Obj)) {
      conflicts.push({ document: docKey(kind, name), field: key, message: `"${key}" was added again in the meantime; remove it first` });
    } else {
      doc[map] = { ...(isObj(doc[map]) ? (doc[map] as Obj) : {}), [key]: part.type === 'role_entry' ? part.access : part.definition };
    }
  }
  return { documents, notes, conflicts };
};
