import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../core/db/tenant.js';
import { listRecords } from '../core/records/index.js';
import type { Actor, ListQuery } from '../core/records/types.js';
import type { EffectiveMeta } from '../core/metadata/types.js';
import { explainQuery, type CapturedQuery, type QueryPlan } from '../core/db/explain-query.js';

export { explainQuery, planNodes, type CapturedQuery, type PlanNode, type QueryPlan } from '../core/db/explain-query.js';

/**
 * Runs the record service's list for `query` inside the tenant's walls, captures the
 * SELECT it sends (knex's query event) and EXPLAINs that same statement in the same
 * transaction, so the plan is the one the API gets.
 */
export const explainList = async (
  knex: Knex,
  input: { tenant: Tenant; meta: EffectiveMeta; actor: Actor; entity: string; query: ListQuery; analyze?: boolean },
): Promise<QueryPlan & { query: CapturedQuery }> =>
  withTenant(knex, input.tenant, async (trx) => {
    const captured: CapturedQuery[] = [];
    const onQuery = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
    trx.on('query', onQuery);
    try {
      await listRecords(input.entity, input.query, { db: trx, meta: input.meta, actor: input.actor });
    } finally {
      trx.off('query', onQuery);
    }
    const query = captured.at(-1);
    if (!query) throw new Error('listRecords sent no query');
    return { query, ...(await explainQuery(trx, query, { analyze: input.analyze })) };
  });
