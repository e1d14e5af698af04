import type { Knex } from 'knex';
import { lockState, writeState } from '../../triggers/wf-state.js';

/** Round-robin: the candidate after the one chosen last time (the cursor is locked, so concurrent runs take turns). */
export const nextInTurn = async (db: Knex.Transaction, key: string, candidates: string[]): Promise<string> => {
  const state = await lockState<{ last: string | null }>(db, key, { last: null });
  const after = state.last ? candidates.findIndex((c) => c > state.last!) : 0;
  const chosen = candidates[after === -1 ? 0 : after];
  await writeState(db, key, { last: chosen });
  return chosen;
};

/** Least loaded: the candidate owning the fewest live records of the entity (ties: the first). */
export const leastLoaded = async (db: Knex.Transaction, entity: string, field: string, candidates: string[]): Promise<string> => {
  const rows: { user: string; n: number }[] = await db(entity).whereNull('deleted_at').whereIn(field, candidates).groupBy(field).select(`${field} as user`, db.raw('count(*)::int as n'));
  const load = new Map(rows.map((r) => [r.user, Number(r.n)]));
  return candidates.reduce((best, c) => ((load.get(c) ?? 0) < (load.get(best) ?? 0) ? c : best), candidates[0]);
};
