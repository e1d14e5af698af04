/** Schema sync: desired schema from metadata, catalog introspection, migration plan, apply, purge. */
export type {
  ActualColumn,
  ActualForeignKey,
  ActualIndex,
  ActualTable,
  DesiredColumn,
  DesiredForeignKey,
  DesiredIndex,
  DesiredTable,
  PlanStep,
  PlanStepKind,
  SchemaPlan,
  SqlFragment,
} from './types.js';
export { columnTypeOf } from './column-type.js';
export { desiredSchema } from './desired-schema.js';
export { introspectSchema } from './introspect-schema.js';
export { planSchema } from './plan-schema.js';
export { applyPlan } from './apply-plan.js';
export { syncSchema } from './sync-schema.js';
export { purge } from './purge.js';
export { listRetired, retiredColumns, retiredTables, type RetiredColumn, type RetiredTable } from './retired.js';
export { SYSTEM_COLUMNS, SYSTEM_COLUMN_NAMES } from './system-columns.js';
export { catalogName } from './catalog-names.js';
export { restoreRetired, type ArchivedTable } from './restore-retired.js';
export { deferForeignKeys } from './defer-foreign-keys.js';
