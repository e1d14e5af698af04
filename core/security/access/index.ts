/** The permission engine: roles → rights per entity → SQL predicates and write checks. */
export type { EntityRights, FieldAccess, Grant, GrantScope, Operation, Scope } from './types.js';
export { entityRights, hasActionRight } from './entity-rights.js';
export { hiddenFields } from './hidden-fields.js';
export { scopeSql, type ScopeSqlInput } from './scope-sql.js';
export { shareSql, type ShareSqlInput } from './share-sql.js';
export { shareListSql, type ShareListSql } from './share-list-sql.js';
export { sharingRuleSql, sharingRulesFor } from './sharing-rules.js';
export { checkWrite } from './check-write.js';
export { visibleEntities } from './visible-meta.js';
export { assertWriteScope, withinWriteScope } from './write-scope.js';
