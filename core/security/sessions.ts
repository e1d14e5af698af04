import type { Knex } from 'knex';
import { TENANTS, tenantColumns, tenantFromRow } from '../tenants/tenant-store.js';
import { forgetAuth } from './remembered-auth.js';
import { digest, newSecret } from './secrets.js';
import type { AuthContext, SecurityCtx } from './types.js';

export const SESSION_PREFIX = 's_';
/** Idle sessions end after 12 hours; each use (at most once a minute) extends them. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Stores a session under the digest of its token; the token itself is only returned. */
export const createSession = async (
  input: { tenantId: string; userId: string; ip?: string; userAgent?: string; enrolmentOnly?: boolean },
  { knex }: SecurityCtx,
): Promise<NewSession & { id: string }> => {
  const token = newSecret(SESSION_PREFIX);
  const csrfToken = newSecret('', 24);
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  const id = digest(token);
  await knex('crm_system.sessions').insert({
    id,
    tenant_id: input.tenantId,
    user_id: input.userId,
    csrf_token: csrfToken,
    expires_at: expiresAt,
    ip: input.ip?.slice(0, 100) ?? null,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
    enrolment_only: input.enrolmentOnly === true,
  });
  return { id, token, csrfToken, expiresAt: expiresAt.toISOString() };
};

export const endSession = async (sessionId: string, { knex }: SecurityCtx): Promise<void> => {
  await knex('crm_system.sessions').where({ id: sessionId }).delete();
  forgetAuth({ digest: sessionId });
};

/** The columns every resolution reads: user and tenant, joined in one query. */
export const ACTOR_COLUMNS = [
  'u.id as user_id',
  'u.email',
  'u.name as user_name',
  'u.is_admin',
  'u.roles',
  'u.team',
  'u.locale',
  'u.write_scope',
  'u.kind',
  ...tenantColumns('t'),
];

type ActorRow = Record<string, unknown>;

export const authFromRow = (r: ActorRow, via: AuthContext['via']): AuthContext => ({
  via,
  tenant: tenantFromRow(r as unknown as Parameters<typeof tenantFromRow>[0]),
  actor: {
    id: r.user_id as string,
    name: r.user_name as string,
    email: r.email as string,
    isAdmin: r.is_admin as boolean,
    roles: (r.roles as string[]) ?? [],
    team: (r.team as string | null) ?? null,
    locale: r.locale as string,
    ...(Array.isArray(r.write_scope) ? { writeScope: r.write_scope as string[] } : {}),
  },
  ...(r.kind === 'service' ? { serviceAccount: true } : {}),
});

/** An unexpired session of an active user in an active tenant, or undefined. */
export const resolveSession = async (token: string, via: 'cookie' | 'bearer', knex: Knex): Promise<AuthContext | undefined> => {
  const id = digest(token);
  const row = await knex('crm_system.sessions as s')
    .join('crm_system.users as u', 'u.id', 's.user_id')
    .join(`${TENANTS} as t`, 't.id', 's.tenant_id')
    .where('s.id', id)
    .andWhere('s.expires_at', '>', knex.fn.now())
    .andWhere({ 'u.active': true, 't.status': 'active' })
    .first([...ACTOR_COLUMNS, 's.csrf_token', 's.last_seen_at', 's.enrolment_only']);
  if (!row) return undefined;
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await knex('crm_system.sessions').where({ id }).update({ last_seen_at: knex.fn.now(), expires_at: new Date(Date.now() + SESSION_IDLE_MS) });
  }
  return { ...authFromRow(row, via), sessionId: id, csrfToken: row.csrf_token, ...(row.enrolment_only ? { enrolmentOnly: true } : {}) };
};
