import { invalidInput, type FieldProblem } from '../errors.js';
import type { SecurityCtx } from './types.js';

/** One audit entry as a tenant admin reads it: who (id and name), what, on what, from where, when. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  /** An action, a family of them with a trailing `.` (`auth.`), or a verb of every family with a leading `.` (`.export`). */
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInstant = (v: string): boolean => !Number.isNaN(Date.parse(v));

/**
 * The tenant's audit log, newest first, a page at a time (`cursor`: the last entry's id),
 * filtered by who, what (an action, a family `auth.`, or a verb of every family `.export`) and when. Only the tenant's own entries: another tenant's never.
 */
export const readAuditLog = async (input: { tenantId: string; query: AuditQuery }, { knex }: SecurityCtx): Promise<{ data: AuditEntry[]; nextCursor: string | null }> => {
  const q = input.query;
  const problems: FieldProblem[] = [];
  if (q.actor !== undefined && !UUID.test(q.actor)) problems.push({ field: 'actor', message: 'must be a user id' });
  if (q.action !== undefined && !/^\.?[a-z_][a-z0-9_:.]{0,80}$/.test(q.action)) problems.push({ field: 'action', message: 'must be an action name such as auth.login, a family such as auth., or a verb such as .export' });
  for (const k of ['from', 'to'] as const) if (q[k] !== undefined && !isInstant(q[k]!)) problems.push({ field: k, message: 'must be a date or an ISO date-time' });
  if (q.cursor !== undefined && !/^\d{1,18}$/.test(q.cursor)) problems.push({ field: 'cursor', message: 'is not a cursor of this list' });
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) problems.push({ field: 'limit', message: 'must be a whole number from 1 to 200' });
  if (problems.length) throw invalidInput('The audit query is not valid', problems);
  const rows = await knex('crm_system.audit_log as a')
    .leftJoin('crm_system.users as u', (j) => j.on('u.id', 'a.actor_id').andOn('u.tenant_id', 'a.tenant_id'))
    .where('a.tenant_id', input.tenantId)
    .modify((b) => {
      if (q.actor) b.where('a.actor_id', q.actor);
      if (q.action?.endsWith('.')) b.whereRaw('starts_with(a.action, ?)', [q.action]);
      else if (q.action?.startsWith('.')) b.whereRaw('right(a.action, ?) = ?', [q.action.length, q.action]);
      else if (q.action) b.where('a.action', q.action);
      if (q.from) b.where('a.at', '>=', new Date(q.from));
      if (q.to) b.where('a.at', '<', new Date(q.to));
      if (q.cursor) b.where('a.id', '<', q.cursor);
    })
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .select('a.id', 'a.at', 'a.actor_id', 'u.name as actor_name', 'a.action', 'a.target', 'a.details');
  const page = rows.slice(0, limit);
  return {
    data: page.map((r: Record<string, unknown>) => {
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details ?? {}) as Record<string, unknown>;
      return {
        id: String(r.id),
        at: new Date(r.at as string).toISOString(),
        actorId: (r.actor_id as string | null) ?? null,
        actorName: (r.actor_name as string | null) ?? null,
        action: String(r.action),
        target: (r.target as string | null) ?? null,
        ip: typeof details.ip === 'string' ? details.ip : null,
        details,
      };
    }),
    nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
  };
};
