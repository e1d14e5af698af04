import { countNotMatching } from './dry-run.js';
import type { PlanContext } from './plan-context.js';
import type { TableMatch } from './match-schema.js';
import { addForeignKeySql, dropConstraintSql, renameConstraintSql } from './sql-fragments.js';
import type { ActualForeignKey, DesiredForeignKey, PlanStep } from './types.js';

const addStep = async (ctx: PlanContext, m: TableMatch, fk: DesiredForeignKey): Promise<PlanStep> => {
  const entity = m.desired.name;
  const step: PlanStep = {
    kind: 'add_foreign_key',
    entity,
    field: fk.column,
    description: `Link "${entity}.${fk.column}" to "${fk.refTable}" (on delete ${fk.onDelete.replace('_', ' ')})`,
    destructive: false,
    sql: [addForeignKeySql(entity, fk)],
  };
  const column = m.columns.find((c) => c.desired.name === fk.column)?.actual;
  if (m.actual && column) {
    const rowsNotMatching = await countNotMatching(ctx.trx, { table: m.actual.name, column: column.name, refTable: ctx.tableOfEntity.get(fk.refTable) });
    step.details = { rowsNotMatching };
    if (rowsNotMatching > 0) {
      step.destructive = true;
      step.description += ` (${rowsNotMatching} rows point at no "${fk.refTable}": it cannot be added until they are fixed)`;
    }
  }
  return step;
};

/**
 * Foreign-key steps of one table: one constraint per reference field, kept when it
 * already points at the same entity with the same on-delete rule, else replaced.
 * Constraints on retired columns stay.
 */
export const planForeignKeys = async (ctx: PlanContext, m: TableMatch): Promise<void> => {
  const entity = m.desired.name;
  const liveName = new Map(m.columns.filter((c) => c.actual).map((c) => [c.actual!.name, c.desired.name]));
  const existing = (m.actual?.foreignKeys ?? []).filter((k) => k.columns.length === 1 && liveName.has(k.columns[0]));
  const kept = new Set<ActualForeignKey>();
  for (const fk of m.desired.foreignKeys) {
    const same = existing.find(
      (k) => liveName.get(k.columns[0]) === fk.column && ctx.entityOfTable.get(k.refTable) === fk.refTable && k.onDelete === fk.onDelete && !kept.has(k),
    );
    if (!same) {
      ctx.phases.addForeignKeys.push(await addStep(ctx, m, fk));
      continue;
    }
    kept.add(same);
    if (same.name !== fk.name) {
      ctx.phases.addForeignKeys.push({
        kind: 'rename_foreign_key',
        entity,
        field: fk.column,
        description: `Rename the link of "${entity}.${fk.column}" to follow its name`,
        destructive: false,
        sql: [renameConstraintSql(entity, same.name, fk.name)],
      });
    }
  }
  for (const k of existing) {
    if (kept.has(k)) continue;
    ctx.phases.dropForeignKeys.push({
      kind: 'drop_foreign_key',
      entity,
      field: liveName.get(k.columns[0]),
      description: `Remove the link of "${entity}.${liveName.get(k.columns[0])}" to "${ctx.entityOfTable.get(k.refTable) ?? k.refTable}" (no data is lost)`,
      destructive: false,
      sql: [dropConstraintSql(entity, k.name)],
    });
  }
};
