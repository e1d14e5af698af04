import { invalidInput, type FieldProblem } from '../../../core/index.js';
import { isUuid } from './shared.js';
import type { AttendeeInput } from './conflicts.js';

/** An instant from a query or body value, or a field problem. */
export const instantParam = (value: unknown, field: string, problems: FieldProblem[]): Date => {
  const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) problems.push({ field, message: 'must be an ISO-8601 date and time', code: 'INVALID_DATE' });
  return d;
};

/** A window [from, to) of at most `maxDays` from the query. */
export const windowParam = (query: Record<string, unknown>, maxDays = 366): { from: Date; to: Date } => {
  const problems: FieldProblem[] = [];
  const from = instantParam(query.from, 'from', problems);
  const to = instantParam(query.to, 'to', problems);
  if (!problems.length && !(to > from)) problems.push({ field: 'to', message: 'must be after from', code: 'INVALID_RANGE' });
  if (!problems.length && to.getTime() - from.getTime() > maxDays * 86_400_000) problems.push({ field: 'to', message: `the window is at most ${maxDays} days`, code: 'INVALID_RANGE' });
  if (problems.length) throw invalidInput('The window is not valid', problems);
  return { from, to };
};

/** Ids from a comma-separated query value or an array; each must be a uuid. */
export const idsParam = (value: unknown, field: string): string[] => {
  const ids = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).map((v) => String(v).trim()).filter(Boolean);
  const bad = ids.filter((v) => !isUuid(v));
  if (bad.length) throw invalidInput('Some ids are not valid', [{ field, message: 'must be record ids', code: 'INVALID_ID' }]);
  return ids;
};

/** The attendees of a request body: users, contacts or addresses. */
export const attendeesParam = (value: unknown): AttendeeInput[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 200) throw invalidInput('attendees must be a list', [{ field: 'attendees', message: 'must be a list of at most 200', code: 'INVALID_TYPE' }]);
  return value.map((a, i) => {
    const o = (a ?? {}) as Record<string, unknown>;
    const ok = typeof a === 'object' && (isUuid(o.user) || isUuid(o.contact) || (typeof o.email === 'string' && o.email.includes('@')));
    if (!ok) throw invalidInput('An attendee is a user, a contact or an e-mail address', [{ field: `attendees/${i}`, message: 'give a user, a contact or an e-mail address', code: 'INVALID_ATTENDEE' }]);
    return { ...(o.user ? { user: String(o.user) } : {}), ...(o.contact ? { contact: String(o.contact) } : {}), ...(o.email ? { email: String(o.email) } : {}), ...(o.name ? { name: String(o.name) } : {}) };
  });
};
