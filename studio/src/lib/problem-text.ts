import { FIELD_PROBLEMS, PROBLEMS, placeholdersOf, readText, wireCode, type ProblemText } from '../../../core/errors/registry.js';
import type { Problem } from '../api/types.js';

/** vue-i18n's `t`, or anything with its shape. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type FieldError = NonNullable<Problem['errors']>[number];

/** A problem as it arrives: the documented members plus the extras some codes carry (retryAfterSeconds, failed). */
type ProblemLike = Problem & Record<string, unknown>;

/** A registry entry the studio words a server problem (or field error) with: its wire code and its message key. */
export interface ProblemRule {
  code: string;
  key: string;
}

const P = 'problems.problem.';
const F = 'problems.field.';

type Entry = ProblemText & { code?: string; also?: readonly string[]; codeOnly?: boolean; generic?: boolean };
const rulesOf = (table: Readonly<Record<string, Entry>>, prefix: string) =>
  Object.entries(table).map(([key, entry]) => ({ code: wireCode(key, entry), key: `${prefix}${key}`, name: key, entry }));

/** Every problem of the engine's registry (core/errors/registry.ts), by wire code. */
export const PROBLEM_RULES: readonly ProblemRule[] = rulesOf(PROBLEMS, P);
/** Every field error of the registry, by wire code. */
export const FIELD_RULES: readonly ProblemRule[] = rulesOf(FIELD_PROBLEMS, F);

const problemRules = rulesOf(PROBLEMS, P);
const fieldRules = rulesOf(FIELD_PROBLEMS, F);

/** The values a problem carries for its sentence: the server's `params`, and older extras. */
const paramsOf = (p: ProblemLike): Record<string, unknown> => {
  const given = p.params && typeof p.params === 'object' ? (p.params as Record<string, unknown>) : {};
  const extra: Record<string, unknown> = {};
  if (typeof p.retryAfterSeconds === 'number') extra.minutes = Math.max(1, Math.ceil(p.retryAfterSeconds / 60));
  if (typeof p.failed === 'number') extra.count = p.failed;
  const field = p.errors?.find((e) => e.field)?.field.replace(/^\//, '');
  if (field) extra.field = field;
  return { ...extra, ...given };
};

const hasAll = (template: string, params: Record<string, unknown>): boolean => placeholdersOf(template).every((n) => params[n] !== undefined && params[n] !== null);

/** Codes whose detail is too varied to word here: with field errors they read as a list of those. */
const GENERIC = new Set(['BAD_REQUEST', 'INVALID_INPUT', 'CONFLICT', 'RULE_VIOLATION']);

/**
 * A field error's message in the user's language: the registry entry of its code whose English
 * reads the message (values read back from it), else the code's own wording when it needs no
 * values, else (for errors without a code) any entry whose English reads the message; else
 * the server's own message.
 */
export const fieldErrorText = (e: FieldError, t: Translate): string => {
  const read = (r: (typeof fieldRules)[number]) => {
    for (const template of [r.entry.en, ...(r.entry.also ?? [])]) {
      const values = readText(template, e.message);
      if (values) return t(r.key, values);
    }
    return undefined;
  };
  const coded = e.code ? fieldRules.filter((r) => r.code === e.code) : [];
  for (const r of coded) {
    const text = read(r);
    if (text !== undefined) return text;
  }
  const plain = coded.find((r) => r.name === e.code && !placeholdersOf(r.entry.en).length);
  if (plain) return t(plain.key);
  if (e.code && coded.length) return e.message;
  for (const r of fieldRules) {
    if (r.entry.codeOnly) continue;
    const text = read(r);
    if (text !== undefined) return text;
  }
  return e.message;
};

/** "email: is already taken", localised (the field as the server names it). */
export const fieldItemText = (e: FieldError, t: Translate): string => {
  const field = e.field.replace(/^\//, '');
  const message = fieldErrorText(e, t);
  return field ? t(`${P}fieldItem`, { field, message }) : message;
};

/** "name: is required; email: is already taken", localised. */
const fieldList = (errors: FieldError[], t: Translate): string => errors.map((e) => fieldItemText(e, t)).join(t(`${P}listSeparator`));

/**
 * A problem as one sentence in the user's language, from the registry: the entry of its code
 * (or a case of it) whose English reads the server's detail, with the values read back and the
 * server's `params`; else the code's own sentence when its values are at hand. A refusal (403)
 * with no wording of its own shows the server's reason after a localised lead-in; field errors
 * of a generic code are listed, localised; anything else keeps the server's detail.
 */
export const problemText = (problem: Problem, t: Translate): string => {
  const p = problem as ProblemLike;
  if (p.code === 'NETWORK' || (p.status === 0 && !p.code)) return t('errors.network');
  const params = paramsOf(p);
  const rules = problemRules.filter((r) => r.code === p.code);
  for (const r of rules) {
    const values = p.detail ? readText(r.entry.en, p.detail) : undefined;
    if (values) return t(r.key, { ...values, ...params });
  }
  const own = rules.find((r) => r.name === p.code);
  if (own && !own.entry.generic && hasAll(own.entry.en, params)) return t(own.key, params);
  const plain = own && !own.entry.generic && rules.find((r) => r !== own && !placeholdersOf(r.entry.en).length);
  if (plain) return t(plain.key);
  if (p.status === 403) return p.detail ? t('errors.forbiddenBecause', { reason: p.detail }) : t('errors.forbidden');
  if (p.errors?.length && GENERIC.has(p.code ?? '')) return t(`${P}invalidInput`, { fields: fieldList(p.errors, t) });
  if (p.code === 'INVALID_INPUT') return t(`${P}INVALID_INPUT`);
  return p.detail || p.title;
};
