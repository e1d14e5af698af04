import { evaluateRule } from '../../rules/index.js';

/**
 * Field values of a step: each is json-logic evaluated against the step's data, so
 * `{"var":"amount"}` reads the record and a plain value stands for itself.
 */
export const evaluateValues = (values: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v !== null && typeof v === 'object' ? evaluateRule(v as never, data) : v]));
