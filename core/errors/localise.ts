import type { Locale } from './locale.js';
import { FIELD_PROBLEMS, PROBLEMS, fillText, placeholdersOf, readText, wireCode, type FieldProblemEntry, type ProblemEntry, type TextParams } from './registry.js';

/**
 * Words the engine's problems and field errors in a person's language from the registry. The
 * server writes English at the throw site; this reads the English back (the registry entry of
 * the code whose English template reads the text, with its values) and fills the same entry's
 * text in the other language. A text no entry reads stays as it is. Browser-safe.
 */

interface Named<E> {
  name: string;
  code: string;
  entry: E;
}

const named = <E extends { code?: string; en: string; 'zh-CN': string }>(table: Readonly<Record<string, E>>): Named<E>[] =>
  Object.entries(table).map(([name, entry]) => ({ name, code: wireCode(name, entry), entry }));

const FIELD_ENTRIES = named<FieldProblemEntry>(FIELD_PROBLEMS);
const ENGINE_PROBLEMS = named<ProblemEntry>(PROBLEMS);

/** A field error as the engine sends it. */
export interface FieldErrorLike {
  field: string;
  message: string;
  code?: string;
}

/** A problem as the engine sends it: the registry key when known (exact), else its wire code and English detail. */
export interface ProblemLike {
  code: string;
  detail: string;
  key?: string;
  params?: TextParams;
}

const filledIn = (template: string, values: TextParams): string | undefined => {
  const text = fillText(template, values);
  return placeholdersOf(text).some((n) => placeholdersOf(template).includes(n)) ? undefined : text;
};

/** A field error's message in `locale`: the entry of its code that reads it, else its code's own wording, else any entry that reads it. */
export const fieldMessageIn = (e: FieldErrorLike, locale: Locale): string => {
  if (locale === 'en') return e.message;
  const read = (r: Named<FieldProblemEntry>): string | undefined => {
    for (const template of [r.entry.en, ...(r.entry.also ?? [])]) {
      const values = readText(template, e.message);
      if (values) return filledIn(r.entry[locale], values);
    }
    return undefined;
  };
  const coded = e.code ? FIELD_ENTRIES.filter((r) => r.code === e.code) : [];
  for (const r of coded) {
    const text = read(r);
    if (text !== undefined) return text;
  }
  const plain = coded.find((r) => r.name === e.code && !placeholdersOf(r.entry.en).length);
  if (plain) return plain.entry[locale];
  if (e.code && coded.length) return e.message;
  for (const r of FIELD_ENTRIES) {
    if (r.entry.codeOnly) continue;
    const text = read(r);
    if (text !== undefined) return text;
  }
  return e.message;
};

/**
 * A problem's detail in `locale`. With its registry key: that entry filled with its values.
 * Else the entry of its code (or a case of it) whose English reads the detail; else the
 * code's own sentence when its values are at hand. `extra` are plugins' registered problems.
 */
export const problemDetailIn = (p: ProblemLike, locale: Locale, extra: Readonly<Record<string, ProblemEntry>> = {}): string => {
  if (locale === 'en') return p.detail;
  const params = p.params ?? {};
  const entries = [...ENGINE_PROBLEMS, ...named<ProblemEntry>(extra)];
  const keyed = p.key ? entries.find((r) => r.name === p.key) : undefined;
  const exact = keyed && filledIn(keyed.entry[locale], params);
  if (exact) return exact;
  const rules = entries.filter((r) => r.code === p.code);
  for (const r of rules) {
    const values = readText(r.entry.en, p.detail);
    const text = values && filledIn(r.entry[locale], { ...values, ...params });
    if (text) return text;
  }
  const own = rules.find((r) => r.name === p.code);
  return (own && filledIn(own.entry[locale], params)) ?? p.detail;
};
