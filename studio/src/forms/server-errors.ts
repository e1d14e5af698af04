import type { Problem } from '../api/types.js';

type FieldError = NonNullable<Problem['errors']>[number];

/** "/amount/0" or "amount" → "amount" */
export const fieldOfPointer = (pointer: string): string => pointer.replace(/^\//, '').split('/')[0] ?? '';

/**
 * Splits a 400's errors into messages on known fields (the first one each, worded by
 * `describe`) and the rest, which the form shows above its sections.
 */
export const mapServerErrors = (
  problem: Problem,
  known: Set<string>,
  describe: (field: string, error: FieldError) => string = (_, e) => e.message,
): { fields: Record<string, string>; other: string[] } => {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const name = fieldOfPointer(e.field);
    if (known.has(name)) fields[name] ??= describe(name, e);
    else other.push(name ? `${name}: ${e.message}` : e.message);
  }
  if (!problem.errors?.length && problem.detail) other.push(problem.detail);
  return { fields, other };
};
