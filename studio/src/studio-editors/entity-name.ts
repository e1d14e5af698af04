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

/**
 * The name suggested for a new field from its labels: a slug of the English label (or of the
 * letters and digits of the Chinese one), else `field_N`; never one in use or reserved.
 */
export const suggestFieldName = (labelEn: string, labelZh: string, taken: Iterable<string>): string => {
  const used = [...taken];
  const base = nameFromLabel(labelEn) || nameFromLabel(labelZh);
  const free = (n: string) => !nameProblem(n, 'field', used);
  if (base) {
    if (free(base)) return base;
    for (let i = 2; ; i++) if (free(`${base.slice(0, 58)}_${i}`)) return `${base.slice(0, 58)}_${i}`;
  }
  if (!labelEn.trim() && !labelZh.trim()) return '';
  for (let i = 1; ; i++) if (free(`field_${i}`)) return `field_${i}`;
};
