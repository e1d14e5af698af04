import type { Knex } from 'knex';
import type { EffectiveMeta } from '../metadata/types.js';
import { problem } from '../errors.js';
import { desiredSchema } from './desired-schema.js';
import { introspectSchema } from './introspect-schema.js';
import { matchSchema, type SchemaMatch, type TableMatch } from './match-schema.js';
import { orderRenames } from './order-renames.js';
import type { PlanContext } from './plan-context.js';
import { planColumns } from './plan-columns.js';
import { planForeignKeys } from './plan-foreign-keys.js';
import { planIndexes } from './plan-indexes.js';
import { emptyPhases, stepsInOrder } from './plan-phases.js';
import { createTableSql, renameTableSql } from './sql-fragments.js';
import type { ActualTable, SchemaPlan } from './types.js';

const tableBlocked = (r: { from: string; to: string }) =>
  problem('SCHEMA_CONFLICT', { from: r.from, to: r.to }, {
    entity: r.to,
  });

const planTables = (ctx: PlanContext, match: SchemaMatch, actual: ActualTable[]): void => {
  const renames = match.tables.filter((t) => t.actual && t.actual.name !== t.desired.name).map((t) => ({ from: t.actual!.name, to: t.desired.name }));
  for (const r of orderRenames(renames, actual.map((t) => t.name), tableBlocked)) {
    ctx.phases.renameTables.push({
      kind: 'rename_table',
      entity: r.to,
      description: r.temporary ? `Move entity table "${r.from}" aside to swap names` : `Rename entity "${r.from}" to "${r.to}" (data kept)`,
      destructive: false,
      sql: [renameTableSql(r.from, r.to)],
    });
  }
  for (const t of match.tables.filter((m) => !m.actual)) {
    const fields = t.desired.columns.filter((c) => !c.system).length;
    ctx.phases.createTables.push({
      kind: 'create_table',
      entity: t.desired.name,
      description: `Create entity table "${t.desired.name}" with ${fields} field${fields === 1 ? '' : 's'}`,
      destructive: false,
      sql: createTableSql(t.desired),
    });
  }
};

/**
 * The steps that bring the tenant schema (current search_path) to what the metadata
 * describes, each flagged safe or destructive, with dry-run counts for type changes,
 * new unique indexes and new foreign keys on existing data. Reads only.
 */
/** The schema holding pg_trgm (crm_ext, where the engine migration could create it), or undefined. */
const trigramSchema = async (trx: Knex.Transaction): Promise<string | undefined> => {
  const { rows } = await trx.raw(`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`);
  return (rows as { schema: string }[])[0]?.schema;
};

export async function planSchema(trx: Knex.Transaction, meta: EffectiveMeta): Promise<SchemaPlan> {
  const desired = desiredSchema(meta);
  const actual = await introspectSchema(trx);
  const match = matchSchema(desired, actual);
  const ctx: PlanContext = {
    trx,
    phases: emptyPhases(),
    entityOfTable: new Map(match.tables.filter((t) => t.actual).map((t) => [t.actual!.name, t.desired.name])),
    tableOfEntity: new Map(match.tables.filter((t) => t.actual).map((t) => [t.desired.name, t.actual!.name])),
    trigramSchema: await trigramSchema(trx),
  };
  planTables(ctx, match, actual);
  for (const m of match.tables) {
    if (m.actual) await planColumns(ctx, m as TableMatch & { actual: ActualTable });
    await planIndexes(ctx, m);
    await planForeignKeys(ctx, m);
  }
  const steps = stepsInOrder(ctx.phases);
  return { steps, destructive: steps.some((s) => s.destructive) };
}
