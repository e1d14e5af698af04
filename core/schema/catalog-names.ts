import { createHash } from 'node:crypto';

const MAX_IDENTIFIER = 63;

/** A name Postgres keeps whole: longer ones are cut and end in a hash of the full name. */
export const fitIdentifier = (name: string): string => {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
};

export type IndexSuffix = 'idx' | 'uniq' | 'gin' | 'trgm' | 'fkey';

/** Deterministic name of an index or constraint: `<table>__<col>__<suffix>`. */
export const catalogName = (table: string, columns: string[], suffix: IndexSuffix): string =>
  fitIdentifier(`${table}__${columns.join('__')}__${suffix}`);

/** Names the engine gives its indexes all contain a double underscore. */
export const isEngineIndexName = (name: string): boolean => name.includes('__');
