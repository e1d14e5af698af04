import { problem } from '../errors.js';
import { conversionOf } from './conversion.js';
import { countNotConverting } from './dry-run.js';
import { orderRenames } from './order-renames.js';
import type { PlanContext } from './plan-context.js';
import type { TableMatch } from './match-schema.js';
import { addColumnSql, changeTypeSql, columnCommentSql, renameColumnSql, tableCommentSql } from './sql-fragments.js';
import type { ActualTable } from './types.js';

const renameBlocked = (entity: string) => (r: { from: string; to: string }) =>
  problem('SCHEMA_CONFLICT', { from: `${entity}.${r.from}`, to: r.to }, {
    entity,
    field: r.to,
  });

const planRenames = (ctx: PlanContext, m: TableMatch & { actual: ActualTable }): void => {
  const entity = m.desired.name;
  const renames = m.columns
    .filter((c) => c.actual && c.actual.name !== c.desired.name)
    .map((c) => ({ from: c.actual!.name, to: c.desired.name }));
  if (renames.length === 0) return;
  for (const r of orderRenames(renames, m.actual.columns.map((c) => c.name), renameBlocked(entity))) {
    ctx.phases.renameColumns.push({
      kind: 'rename_column',
      entity,
      field: r.to,
      description: r.temporary
        ? `Move field "${entity}.${r.from}" aside to swap names`
        : `Rename field "${entity}.${r.from}" to "${r.to}" (data kept)`,
      destructive: false,
      sql: [renameColumnSql(entity, r.from, r.to)],
    });
  }
};

/** Column steps of a table that exists: renames by stable id, new columns, type changes, id comments. */
export const planColumns = async (ctx: PlanContext, m: TableMatch & { actual: ActualTable }): Promise<void> => {
  const entity = m.desired.name;
  planRenames(ctx, m);
  if (m.desired.id && m.actual.id !== m.desired.id) {
    ctx.phases.comments.push({
      kind: 'set_comment',
      entity,
      description: `Record the stable id of entity "${entity}"`,
      destructive: false,
      sql: [tableCommentSql(entity, m.desired.id)],
    });
  }
  for (const { desired, actual } of m.columns) {
    const field = desired.name;
    if (!actual) {
      ctx.phases.addColumns.push({
        kind: 'add_column',
        entity,
        field,
        description: `Add field "${entity}.${field}" (${desired.type})`,
        destructive: false,
        sql: addColumnSql(entity, desired),
      });
      continue;
    }
    if (desired.system) continue;
    if (desired.id && actual.id !== desired.id) {
      ctx.phases.comments.push({
        kind: 'set_comment',
        entity,
        field,
        description: `Record the stable id of field "${entity}.${field}"`,
        destructive: false,
        sql: [columnCommentSql(entity, field, desired.id)],
      });
    }
    const conversion = conversionOf(actual.type, desired.type);
    if (!conversion) continue;
    const rowsNotConverting = conversion.narrowing
      ? await countNotConverting(ctx.trx, { table: m.actual.name, column: actual.name, from: actual.type }, conversion)
      : 0;
    const failing = rowsNotConverting > 0 ? `; ${rowsNotConverting} rows would not convert` : '';
    ctx.phases.changeTypes.push({
      kind: 'change_type',
      entity,
      field,
      description: `Change field "${entity}.${field}" from ${actual.type} to ${desired.type}${conversion.narrowing ? ' (narrowing' + failing + ')' : ''}`,
      destructive: conversion.narrowing,
      details: { from: actual.type, to: desired.type, narrowing: conversion.narrowing, rowsNotConverting },
      sql: [changeTypeSql(entity, field, desired.type, conversion)],
    });
  }
};
