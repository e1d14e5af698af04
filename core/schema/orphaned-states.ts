import type { Knex } from 'knex';
import { lifecycleStates } from '../metadata/lifecycle-graph.js';
import type { EffectiveMeta, LifecycleDocument } from '../metadata/types.js';
import { LIVE_ROWS } from './system-columns.js';

/** How many records of each orphaned state the report names (the count covers them all). */
export const ORPHAN_SAMPLE = 20;

/**
 * Records whose state a publish takes out of their lifecycle. They keep the state (nothing
 * is rewritten); the publish preview lists them so the admin can move them on by hand.
 */
export interface OrphanedState {
  lifecycle: string;
  entity: string;
  field: string;
  state: string;
  /** Live records in that state. */
  count: number;
  /** The first ORPHAN_SAMPLE of them, by id, with their title when the entity has a title field. */
  records: { id: string; title: string | null }[];
}

const enumValuesOf = (meta: EffectiveMeta, entity: string, field: string): string[] => {
  const def = meta.entities[entity]?.fields?.[field] as { type?: string; dictionary?: string; options?: { value: string }[] } | undefined;
  if (def?.type !== 'enum') return [];
  const items = def.dictionary ? (meta.dictionaries[def.dictionary]?.items ?? []) : (def.options ?? []);
  return (items as { value?: unknown }[]).flatMap((i) => (typeof i.value === 'string' ? [i.value] : []));
};

const statesOf = (meta: EffectiveMeta, lc: LifecycleDocument): Set<string> => new Set(lifecycleStates(lc, enumValuesOf(meta, lc.entity, lc.field)));

/**
 * The states the published metadata's lifecycles know and the draft's no longer do (a state
 * taken out of the field's choices and of every transition), with the live records in each.
 * A lifecycle the draft drops entirely frees its field and orphans nothing. `trx` runs as
 * the tenant (its search path on the tenant's schema).
 */
export const orphanedStates = async (trx: Knex.Transaction, published: EffectiveMeta, draft: EffectiveMeta): Promise<OrphanedState[]> => {
  const out: OrphanedState[] = [];
  const draftLifecycles = Object.values(draft.documents.lifecycle ?? {}) as unknown as LifecycleDocument[];
  for (const before of Object.values(published.documents.lifecycle ?? {}) as unknown as LifecycleDocument[]) {
    const after = draftLifecycles.find((lc) => lc.entity === before.entity && lc.field === before.field);
    const entity = published.entities[before.entity];
    if (!after || !entity?.fields?.[before.field]) continue;
    const kept = statesOf(draft, after);
    const removed = [...statesOf(published, before)].filter((s) => !kept.has(s));
    if (!removed.length) continue;
    const titleField = entity.titleField && entity.fields[entity.titleField] ? entity.titleField : undefined;
    const live = () => trx(before.entity).whereRaw(LIVE_ROWS);
    const counts = (await live().whereIn(before.field, removed).groupBy(before.field).select(before.field).count({ n: '*' })) as Record<string, unknown>[];
    for (const state of removed) {
      const count = Number(counts.find((c) => c[before.field] === state)?.n ?? 0);
      if (!count) continue;
      const rows = (await live()
        .where(before.field, state)
        .orderBy('id')
        .limit(ORPHAN_SAMPLE)
        .select(titleField ? ['id', `${titleField} as title`] : ['id'])) as { id: string; title?: unknown }[];
      out.push({
        lifecycle: after.name,
        entity: before.entity,
        field: before.field,
        state,
        count,
        records: rows.map((r) => ({ id: r.id, title: r.title === undefined || r.title === null ? null : String(r.title) })),
      });
    }
  }
  return out;
};
