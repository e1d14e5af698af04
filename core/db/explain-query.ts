import type { Knex } from 'knex';

/** A statement as the driver gets it: `$1, $2, …` placeholders and their values. */
export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
}

/** One node of a JSON plan, with the keys the checks look at. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
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
 * EXPLAINs a statement in the driver's form (used by the bench and by plan tests).
 * EXPLAIN takes no parameters, so the statement is PREPAREd as sent and EXPLAIN EXECUTE
 * gets the values inlined as literals: it is planned as the driver's statement is planned.
 */
export const explainQuery = async (trx: Knex.Transaction, query: CapturedQuery, opts: { analyze?: boolean } = {}): Promise<QueryPlan> => {
  const name = `_plan_${++prepared}`;
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
