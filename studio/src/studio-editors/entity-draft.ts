import type { EntityDocument, FieldDefinition, MetaEntity } from '../api/types.js';

type Rule = NonNullable<EntityDocument['rules']>[number];
export type OwnEntity = Omit<Partial<EntityDocument>, 'fields'> & { fields?: Record<string, Partial<FieldDefinition>> };

/** Whether the tenant owns the whole entity (it made it), rather than overlaying a plugin's. */
export const isCustomEntity = (published: MetaEntity | undefined): boolean => !published || published.plugin === 'tenant';

const mergeRules = (below: Rule[] = [], own: Rule[] = []): Rule[] => {
  const out = [...below];
  for (const r of own) {
    const at = out.findIndex((x) => x.name === r.name);
    if (at >= 0) out[at] = { ...out[at], ...r };
    else out.push(r);
  }
  return out;
};

/**
 * The entity as the tenant's draft would make it: its own document when it made the entity,
 * else the published entity with the tenant's overlay on top (field by field; rules by name).
 */
export const draftEntityOf = (name: string, published: MetaEntity | undefined, own: OwnEntity | undefined): EntityDocument => {
  if (isCustomEntity(published) && own) return { kind: 'entity', name, ...own, fields: (own.fields ?? {}) as Record<string, FieldDefinition> } as EntityDocument;
  const base: EntityDocument = published ? (JSON.parse(JSON.stringify(published)) as EntityDocument) : { kind: 'entity', name, fields: {} };
  if (!own) return base;
  const fields: Record<string, FieldDefinition> = { ...base.fields };
  for (const [f, def] of Object.entries(own.fields ?? {})) fields[f] = { ...(fields[f] ?? {}), ...def } as FieldDefinition;
  const { fields: ownFields, rules, ...rest } = own;
  void ownFields;
  return { ...base, ...rest, fields, rules: mergeRules(base.rules, rules) } as EntityDocument;
};

/** Who may change a field's type or retire it: the tenant (its own field) or the plugin below. */
export const fieldOwner = (field: string, published: MetaEntity | undefined, own: OwnEntity | undefined): 'tenant' | 'plugin' => {
  if (isCustomEntity(published)) return 'tenant';
  if (published?.fields?.[field] && !own?.fields?.[field]?.type) return 'plugin';
  return own?.fields?.[field]?.type ? 'tenant' : 'plugin';
};

export type FieldStatus = 'published' | 'new' | 'changed' | 'retiring';

export interface FieldRow {
  name: string;
  field: FieldDefinition;
  owner: 'tenant' | 'plugin';
  status: FieldStatus;
}

/**
 * The fields the entity page lists: the draft's fields (new, changed or as published) and the
 * published ones the draft retires (named by the publish plan), which can still be undone.
 */
export const fieldRows = (name: string, published: MetaEntity | undefined, own: OwnEntity | undefined, retiring: string[]): FieldRow[] => {
  const draft = draftEntityOf(name, published, own);
  const rows: FieldRow[] = Object.entries(draft.fields ?? {}).map(([f, def]) => ({
    name: f,
    field: def,
    owner: fieldOwner(f, published, own),
    status: !published?.fields?.[f] ? 'new' : own?.fields?.[f] && JSON.stringify(published.fields[f]) !== JSON.stringify(def) ? 'changed' : 'published',
  }));
  for (const f of retiring) {
    const def = published?.fields?.[f];
    if (def && !draft.fields?.[f]) rows.push({ name: f, field: def, owner: 'tenant', status: 'retiring' });
  }
  return rows;
};
