/** Columns every entity table has; no field may take their names. */
export const SYSTEM_COLUMNS = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', 'deleted_at'] as const;

/**
 * Postgres key words that are reserved (also those reserved but allowed as function or
 * type names). Names become table and column names, so none may be one of these.
 */
export const POSTGRES_RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'binary', 'both',
  'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps', 'placing',
  'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with',
]);

export const NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Why a name cannot be a table or column name, or undefined when it can. */
export const identifierProblem = (name: string, what: 'entity' | 'field'): string | undefined => {
  if (!NAME_PATTERN.test(name)) return 'use lowercase letters, digits and _, starting with a letter (at most 63 characters)';
  if (POSTGRES_RESERVED.has(name)) return `"${name}" is a reserved word and cannot name ${what === 'entity' ? 'an entity' : 'a field'}`;
  if (what === 'field' && (SYSTEM_COLUMNS as readonly string[]).includes(name)) return `"${name}" is a system column every record has`;
  return undefined;
};
