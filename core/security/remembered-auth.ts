import type { TenantGate } from '../db/tenant.js';
import { TENANTS } from '../tenants/tenant-store.js';
import type { AuthContext } from './types.js';

/**
 * A token resolved in full is reused for this long without its own look-up, and only
 * by requests that re-check it in their tenant transaction's first statement (see
 * gateOf). After it, the next request resolves it in full again, which also extends
 * the session (at most once a minute, as before).
 */
export const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 10_000;
const DIGEST = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Remembered {
  auth: AuthContext;
  digest: string;
  at: number;
}

const remembered = new Map<string, Remembered>();
const keyOf = (via: AuthContext['via'], digest: string): string => `${via}:${digest}`;

/** Keeps a token's full resolution (by the digest of the token). The oldest entry goes first when full. */
export const rememberAuth = (digest: string, auth: AuthContext, now = Date.now()): void => {
  const key = keyOf(auth.via, digest);
  remembered.delete(key);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, { auth, digest, at: now });
};

/** Drops what was kept for a digest (sign-out), or for every token of a user (changed, deactivated, key revoked). */
export const forgetAuth = (which: { digest?: string; userId?: string }): void => {
  for (const [key, r] of remembered) if (r.digest === which.digest || r.auth.actor.id === which.userId) remembered.delete(key);
};

const quoted = (value: string, shape: RegExp): string | undefined => (shape.test(value) ? `'${value}'` : undefined);

/** Any text as a literal that reads the same whatever standard_conforming_strings says. */
const text = (value: string): string => `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const equals = (column: string, value: string | null | undefined): string => (value == null ? `${column} is null` : `${column} = ${text(value)}`);
const whole = (n: number): string => (Number.isSafeInteger(n) ? String(n) : 'null');

/** The remembered answer, column by column: a changed user or tenant (roles, rights, metadata revision…) yields no row. */
const unchanged = (auth: AuthContext): string => {
  const { actor, tenant } = auth;
  return [
    equals('u.email', actor.email),
    equals('u.name', actor.name),
    `u.is_admin = ${actor.isAdmin ? 'true' : 'false'}`,
    `u.roles = cast(array[${actor.roles.map(text).join(', ')}] as text[])`,
    equals('u.team', actor.team),
    equals('u.locale', actor.locale),
    actor.writeScope ? `u.write_scope = cast(${text(JSON.stringify(actor.writeScope))} as jsonb)` : 'u.write_scope is null',
    equals('t.slug', tenant.slug),
    equals('t.name', tenant.name),
    equals('t.schema_name', tenant.schema),
    equals('t.role_name', tenant.role),
    `t.published_version = ${whole(tenant.publishedVersion)}`,
    `t.meta_revision = ${whole(tenant.metaRevision)}`,
  ].join(' and ');
};

/**
 * The check that a remembered resolution still holds, as a tenant gate: the same
 * conditions as the full look-up (unexpired session or unrevoked key, active and unexpired user, active
 * tenant), for the same user and tenant, with every remembered value unchanged. Undefined
 * when the digest and ids do not have the shapes that let them be literals safely.
 */
export const gateOf = (digest: string, auth: AuthContext): TenantGate | undefined => {
  const hash = quoted(digest, DIGEST);
  const tenant = quoted(auth.tenant.id, UUID);
  const user = quoted(auth.actor.id, UUID);
  if (!hash || !tenant || !user) return undefined;
  const people = `join crm_system.users as u on u.id = ?.user_id join ${TENANTS} as t on t.id = ?.tenant_id`;
  const live = `u.active and (u.expires_at is null or u.expires_at > now()) and t.status = 'active' and u.id = ${user} and t.id = ${tenant} and ${unchanged(auth)}`;
  if (auth.via === 'api_key') {
    const scopes = `k.scopes = cast(array[${(auth.scopes ?? []).map(text).join(', ')}] as text[])`;
    return { select: 'k.id', from: `crm_system.api_keys as k ${people.replaceAll('?', 'k')} where k.key_hash = ${hash} and k.revoked_at is null and ${scopes} and ${live}` };
  }
  const csrf = auth.csrfToken ? equals('s.csrf_token', auth.csrfToken) : 'false';
  return { select: 's.id', from: `crm_system.sessions as s ${people.replaceAll('?', 's')} where s.id = ${hash} and s.expires_at > now() and ${csrf} and ${live}` };
};

/** A remembered resolution of this token, fresh enough to use with its gate, or undefined. */
export const recallAuth = (digest: string, via: AuthContext['via'], now = Date.now()): { auth: AuthContext; gate: TenantGate } | undefined => {
  const r = remembered.get(keyOf(via, digest));
  if (!r || now - r.at >= REMEMBER_MS) return undefined;
  const gate = gateOf(digest, r.auth);
  return gate && { auth: r.auth, gate };
};
