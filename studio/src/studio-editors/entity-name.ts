import { NAME_PATTERN, POSTGRES_RESERVED, SYSTEM_COLUMNS } from '../../../core/metadata/reserved-names.js';

/** Why a name cannot be used, as a message key of `studioEntities.names` and its parameters. */
export interface NameProblem {
  key: 'required' | 'pattern' | 'reserved' | 'system' | 'taken';
  params?: Record<string, string>;
}

/**
 * Checks a new entity or field name as the server does (pattern, Postgres reserved words,
 * system columns for fields) and against the names already in use.
 */
export const nameProblem = (name: string, what: 'entity' | 'field', taken: Iterable<string> = []): NameProblem | undefined => {
  if (!name) return { key: 'required' };
  if (!NAME_PATTERN.test(name)) return { key: 'pattern' };
  if (POSTGRES_RESERVED.has(name)) return { key: 'reserved', params: { name } };
  if (what === 'field' && (SYSTEM_COLUMNS as readonly string[]).includes(name)) return { key: 'system', params: { name } };
  if ([...taken].includes(name)) return { key: 'taken', params: { name } };
  return undefined;
};

/** "Sales region" → "sales_region": a name suggested from an English label. */
export const nameFromLabel = (label: string): string =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 63);
