import { ApiError } from '../api/http.js';
import type { Problem } from '../api/types.js';
import { fieldOfPointer } from '../forms/server-errors.js';
import { errorText } from '../lib/error-text.js';
import type { Translate } from '../lib/problem-text.js';

/**
 * Which input a pointer (the part under the prefix) belongs to: a set of input names (the
 * pointer's first segment), or a function naming the input (undefined: none of them).
 */
export type ProblemPlaces = Set<string> | ((pointer: string) => string | undefined);

/**
 * A refused save's problems (JSON pointers into the saved document) placed on the editor's
 * inputs: a pointer under `prefix` lands on the input `places` names for the rest of it
 * (`/fields/score/max` under `/fields/score` → `max`); the rest are listed above the form.
 */
export const problemsAt = (problem: Problem, prefix: string, places: ProblemPlaces): { fields: Record<string, string>; other: string[] } => {
  const place = typeof places === 'function' ? places : (rest: string) => (places.has(fieldOfPointer(rest)) ? fieldOfPointer(rest) : undefined);
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const inside = e.field === prefix || e.field.startsWith(`${prefix}/`);
    const key = inside ? place(e.field.slice(prefix.length)) : undefined;
    if (key) fields[key] ??= e.message;
    else other.push(e.message);
  }
  if (!problem.errors?.length) other.push(problem.detail || problem.title);
  return { fields, other };
};

/**
 * What an editor dialog shows for a failed save: a 400 with errors puts them on the inputs
 * (`fields`) and lists the server's message and the unplaced rest (`messages`); anything else
 * is one message in the user's language.
 */
export const saveProblems = (error: unknown, t: Translate, prefix: string, places: ProblemPlaces): { fields: Record<string, string>; messages: string[] } => {
  if (error instanceof ApiError && error.problem.errors?.length) {
    const placed = problemsAt(error.problem, prefix, places);
    return { fields: placed.fields, messages: [error.message, ...placed.other] };
  }
  return { fields: {}, messages: [errorText(error, t)] };
};
