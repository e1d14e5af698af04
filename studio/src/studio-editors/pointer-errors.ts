import type { Problem } from '../api/types.js';
import { fieldOfPointer } from '../forms/server-errors.js';

/**
 * A refused save's problems (JSON pointers into the saved document) placed on the editor's
 * inputs: a pointer under `prefix` lands on the input named by its next segment
 * (`/fields/score/max` under `/fields/score` → `max`); the rest are listed above the form.
 */
export const problemsAt = (problem: Problem, prefix: string, known: Set<string>): { fields: Record<string, string>; other: string[] } => {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const inside = e.field === prefix || e.field.startsWith(`${prefix}/`);
    const key = inside ? fieldOfPointer(e.field.slice(prefix.length)) : '';
    if (key && known.has(key)) fields[key] ??= e.message;
    else other.push(e.message);
  }
  if (!problem.errors?.length) other.push(problem.detail || problem.title);
  return { fields, other };
};
