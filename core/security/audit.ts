import type { Knex } from 'knex';

export interface AuditEvent {
  tenantId: string | null;
  actorId?: string | null;
  /** e.g. `auth.login`, `auth.login_failed`, `user.create`, `api_key.revoke`. */
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** One row in crm_system.audit_log (engine-level events: sign-ins, users, keys, publishes). */
export const audit = async (knex: Knex, e: AuditEvent): Promise<void> => {
  await knex('crm_system.audit_log').insert({
    tenant_id: e.tenantId,
    actor_id: e.actorId ?? null,
    action: e.action,
    target: e.target ?? null,
    details: JSON.stringify(e.details ?? {}),
  });
};
