import type { EntityDocument } from '../api/types.js';
import { collectVars } from '../../../core/rules/check-rule.js';
import { ruleAccepts } from '../../../core/rules/evaluate.js';
import type { Rule } from '../../../core/rules/types.js';

export type TryResult = { fields: string[] } & ({ state: 'empty' } | { state: 'pass' } | { state: 'fail' } | { state: 'error'; error: string });

/**
 * Checks a validation rule against sample values the way a save does (the record's fields,
 * absent ones null) with the rule module the server uses; `fields` are the entity's fields
 * the rule reads, for the sample inputs.
 */
export const tryRule = (rule: unknown, entity: EntityDocument, samples: Record<string, unknown>): TryResult => {
  if (rule === undefined || rule === null) return { fields: [], state: 'empty' };
  let fields: string[] = [];
  try {
    fields = collectVars(rule as Rule).filter((v) => v in (entity.fields ?? {}));
  } catch {
    fields = [];
  }
  const data: Record<string, unknown> = {};
  for (const name of Object.keys(entity.fields ?? {})) data[name] = samples[name] ?? null;
  try {
    return { fields, state: ruleAccepts(rule as Rule, data) ? 'pass' : 'fail' };
  } catch (e) {
    return { fields, state: 'error', error: e instanceof Error ? e.message : String(e) };
  }
};
