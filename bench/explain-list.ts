import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../core/db/tenant.js';
import { listRecords } from '../core/records/index.js';
import type { Actor, ListQuery } from '../core/records/types.js';
import type { EffectiveMeta } from '../core/metadata/types.js';

/** A statement as the driver gets it: `$1, $2, …` placeholders and their values. */
export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
}

/** One node of a JSON plan, with the keys the bench looks at. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Presorted Key'?: string[];
  Plans?: PlanNode[];
}

export interface QueryPlan {
  /** The root node of EXPLAIN (FORMAT JSON). */
  plan: PlanNode;
  /** EXPLAIN (ANALYZE, BUFFERS) as text lines, when asked for. */
  text?: string[];
}

/** Every node of a plan, depth first. */
export const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

let prepared = 0;

/**
 * EXPLAINs a statement in the driver's form. EXPLAIN takes no parameters, so the
 * statement is PREPAREd as sent and EXPLAIN EXECUTE gets the values inlined as literals:
 * it is planned as the driver's statement is planned.
 */
export const explainQuery = async (trx: Knex.Transaction, query: CapturedQuery, opts: { analyze?: boolean } = {}): Promise<QueryPlan> => {
  const name = `_bench_plan_${++prepared}`;
  const escape = (sql: string) => sql.replace(/\?/g, '\\?');
  const args = query.bindings.length ? `(${trx.raw(query.bindings.map(() => '?').join(', '), query.bindings as never[]).toQuery()})` : '';
  await trx.raw(escape(`prepare ${name} as ${query.sql}`));
  try {
    const explain = async (options: string) => (await trx.raw(escape(`explain (${options}) execute ${name}${args}`))).rows as Record<string, unknown>[];
    const cell = (await explain('format json'))[0]['QUERY PLAN'];
    const plan = ((typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[])[0].Plan;
    const text = opts.analyze ? (await explain('analyze, buffers')).map((r) => String(r['QUERY PLAN'])) : undefined;
    return { plan, text };
  } finally {
    await trx.raw(`deallocate ${name}`).catch(() => undefined);
  }
};

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
