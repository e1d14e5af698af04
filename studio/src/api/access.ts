import { api } from './http.js';

type Label = { en: string; 'zh-CN': string };

/** One reason a user may do an operation on a record (GET /api/records/:entity/:id/access). */
export type AccessReason =
  | { kind: 'admin' }
  | { kind: 'role'; role: string; scope: unknown }
  | { kind: 'hierarchy'; role: string }
  | { kind: 'sharingRule'; name: string; role?: string; team?: string }
  | { kind: 'share'; id: string; user: string | null; team: string | null; access: 'read' | 'edit' };

export interface OperationExplained {
  allowed: boolean;
  reasons: AccessReason[];
  sharingRules: { name: string; label?: Label }[];
}

export interface AccessExplanation {
  user: { id: string; name: string; roles: string[]; team: string | null; isAdmin: boolean };
  operations: Record<'read' | 'update' | 'delete', OperationExplained>;
  notes: string[];
}

/** Why `user` may (or may not) read, edit or delete the record: tenant admins only. */
export const explainAccess = (entity: string, id: string, user: string): Promise<AccessExplanation> =>
  api.get<AccessExplanation>(`/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/access`, { user });
