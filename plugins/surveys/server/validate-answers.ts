import { problem, type FieldProblem } from '../../../core/index.js';
import type { PublicQuestion } from './questions.js';

const TEXT_MAX = 4000;
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const scoreIn = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** One answer checked against its question: the value to store, or why not. */
const checkOne = (q: PublicQuestion, v: unknown): { value: string | number } | { message: string } => {
  if (q.kind === 'rating') {
    const n = scoreIn(v, 1, 5);
    return n === undefined ? { message: 'must be a whole number from 1 to 5' } : { value: n };
  }
  if (q.kind === 'nps') {
    const n = scoreIn(v, 0, 10);
    return n === undefined ? { message: 'must be a whole number from 0 to 10' } : { value: n };
  }
  if (typeof v !== 'string') return { message: 'must be text' };
  if (q.kind === 'choice') return q.options?.some((o) => o.value === v) ? { value: v } : { message: `must be one of: ${(q.options ?? []).map((o) => o.value).join(', ')}` };
  return v.length > TEXT_MAX ? { message: `must be at most ${TEXT_MAX} characters` } : { value: v.trim() };
};

/**
 * The visitor's answers (`{answers: {<question id>: value}}`) checked against the survey's
 * questions: every problem is collected (required, range, choice, unknown question) and
 * answered as one 422 naming each field `answers.<question id>`; nothing is written then.
 */
export const validateAnswers = (questions: PublicQuestion[], body: unknown): Map<string, string | number> => {
  const errors: FieldProblem[] = [];
  const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).answers : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw problem('SURVEY_ANSWERS_INVALID', { fields: 'answers' }, { errors: [{ field: 'answers', message: 'must be an object of answers by question' }] });
  }
  const given = raw as Record<string, unknown>;
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(given)) if (!known.has(key)) errors.push({ field: `answers.${key}`, message: 'is not a question of this survey' });
  const values = new Map<string, string | number>();
  for (const q of questions) {
    const v = given[q.id];
    if (blank(v)) {
      if (q.required) errors.push({ field: `answers.${q.id}`, message: 'is required' });
      continue;
    }
    const checked = checkOne(q, v);
    if ('message' in checked) errors.push({ field: `answers.${q.id}`, message: checked.message });
    else values.set(q.id, checked.value);
  }
  if (errors.length) throw problem('SURVEY_ANSWERS_INVALID', { fields: errors.map((e) => e.field).join(', ') }, { errors });
  return values;
};
