import type { Knex } from 'knex';
import type { EffectiveMeta } from '../metadata/types.js';
import { notFound, problem } from '../errors.js';
import { applyPlan } from './apply-plan.js';
import { desiredSchema } from './desired-schema.js';
import { introspectSchema } from './introspect-schema.js';
import { lockSchema } from './lock-schema.js';
import { matchSchema } from './match-schema.js';
import { dropColumnSql, dropTableSql } from './sql-fragments.js';
import type { PlanStep } from './types.js';

const stillLive = (what: string) =>
  problem('NOT_RETIRED', { what });

const dropColumnStep = (entity: string, table: string, column: string): PlanStep => ({
  kind: 'drop_column',
  entity,
  field: column,
  description: `Purge retired field "${entity}.${column}" and its data`,
  destructive: true,
  sql: [dropColumnSql(table, column)],
});

const dropTableStep = (table: string): PlanStep => ({
  kind: 'drop_table',
  entity: table,
  description: `Purge retired entity table "${table}" and all its rows`,
  destructive: true,
  sql: [dropTableSql(table)],
});

/**
 * Drops a retired column or table and its data for good. Refuses (409 NOT_RETIRED) one
 * still in the metadata and answers 404 for one that does not exist. The caller is the
 * one who asked the user to confirm; returns the steps it ran.
 */
export async function purge(trx: Knex.Transaction, meta: EffectiveMeta, target: { entity: string; field?: string }): Promise<PlanStep[]> {
  await lockSchema(trx);
  const match = matchSchema(desiredSchema(meta), await introspectSchema(trx));
  const live = match.tables.find((t) => t.desired.name === target.entity);
  let step: PlanStep;
  if (target.field === undefined) {
    if (live) throw stillLive(`Entity "${target.entity}"`);
    const table = match.retiredTables.find((t) => t.name === target.entity);
    if (!table) throw notFound(`No retired table "${target.entity}"`);
    step = dropTableStep(table.name);
  } else if (live) {
    if (live.columns.some((c) => c.desired.name === target.field || c.actual?.name === target.field)) {
      throw stillLive(`Field "${target.entity}.${target.field}"`);
    }
    const column = live.retired.find((c) => c.name === target.field);
    if (!column || !live.actual) throw notFound(`No retired field "${target.entity}.${target.field}"`);
    step = dropColumnStep(target.entity, live.actual.name, column.name);
  } else {
    const table = match.retiredTables.find((t) => t.name === target.entity);
    const column = table?.columns.find((c) => c.name === target.field);
    if (!table || !column) throw notFound(`No retired field "${target.entity}.${target.field}"`);
    if (column.name === 'id') throw problem('ID_NOT_PURGEABLE');
    step = dropColumnStep(target.entity, table.name, column.name);
  }
  await applyPlan(trx, { steps: [step], destructive: true }, { confirmDestructive: true });
  return [step];
}
