import { api } from './http.js';

/** One entry of the tenant's audit log (GET /api/audit). */
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

export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const readAudit = (filter: AuditFilter, cursor?: string | null): Promise<{ data: AuditEntry[]; nextCursor: string | null }> =>
  api.get('/api/audit', { ...filter, cursor: cursor ?? undefined, limit: '50' });
