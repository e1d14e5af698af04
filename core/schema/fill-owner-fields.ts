import type { Knex } from 'knex';
import type { EffectiveMeta } from '../metadata/types.js';

/**
 * Fills an entity's owner field (`ownerField`, a user field) from its hidden owner where the
 * field is empty: records written before the entity named its owner field (or by an older
 * plugin version) then show the user who in fact owns them, so the visible owner agrees
 * with the row scopes. Only empty fields are filled (a value someone chose is kept); the
 * record's version and history are left alone, as no one edited it. Runs in the caller's
 * transaction and tenant search_path, after the schema plan (the column exists by then).
 * Returns how many records it filled per entity (entities with none left out).
 */
export const fillOwnerFields = async (trx: Knex.Transaction, meta: EffectiveMeta): Promise<Record<string, number>> => {
  const filled: Record<string, number> = {};
  for (const entity of Object.values(meta.entities).sort((a, b) => a.name.localeCompare(b.name))) {
    const field = entity.ownerField;
    if (!field || entity.fields?.[field]?.type !== 'user') continue;
    const { rows } = await trx.raw('with f as (update ?? set ?? = owner_id where ?? is null and owner_id is not null returning 1) select count(*)::int as n from f', [entity.name, field, field]);
    const count = Number((rows as { n: number }[])[0]?.n ?? 0);
    if (count > 0) filled[entity.name] = count;
  }
  return filled;
};
