import type { Problem } from '../api/types.js';
import { i18n } from '../i18n/index.js';
import { fieldErrorText, fieldItemText, problemText, type FieldError, type Translate } from '../lib/problem-text.js';

/** The app's translator in its current language. */
const activeT: Translate = (key, params) => i18n.global.t(key, params ?? {});

/** "/amount/0" or "amount" → "amount" */
export const fieldOfPointer = (pointer: string): string => pointer.replace(/^\//, '').split('/')[0] ?? '';

/**
 * Splits a 400's errors into messages on known fields (the first one each, worded by
 * `describe`, by default in the user's language) and the rest, which the form shows above
 * its sections, also localised. `t` defaults to the app's translator in its current language.
 */
export const mapServerErrors = (
  problem: Problem,
  known: Set<string>,
  describe?: (field: string, error: FieldError) => string,
  t: Translate = activeT,
): { fields: Record<string, string>; other: string[] } => {
  const word = describe ?? ((_: string, e: FieldError) => fieldErrorText(e, t));
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const name = fieldOfPointer(e.field);
    if (known.has(name)) fields[name] ??= word(name, e);
    else other.push(fieldItemText({ ...e, field: name }, t));
  }
  if (!problem.errors?.length && problem.detail) other.push(problemText(problem, t));
  return { fields, other };
};
