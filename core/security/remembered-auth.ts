import type { TenantGate } from '../db/tenant.js';
import { ACTOR_COLUMNS, authFromRow } from './sessions.js';
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

/**
 * The check that a remembered resolution still holds, as a tenant gate: the same
 * conditions as the full look-up (unexpired session or unrevoked key, active user, active
 * tenant), for the same tenant, yielding the same columns. Undefined when the values do
 * not have the shapes that let them be literals safely.
 */
export const gateOf = (digest: string, auth: AuthContext): TenantGate | undefined => {
  const hash = quoted(digest, DIGEST);
  const tenant = quoted(auth.tenant.id, UUID);
  if (!hash || !tenant) return undefined;
  const actor = ACTOR_COLUMNS.join(', ');
  const people = `join crm_system.users as u on u.id = ?.user_id join crm_system.tenants as t on t.id = ?.tenant_id`;
  const live = `u.active and t.status = 'active' and t.id = ${tenant}`;
  if (auth.via === 'api_key') {
    return {
      select: `${actor}, k.scopes`,
      from: `crm_system.api_keys as k ${people.replaceAll('?', 'k')} where k.key_hash = ${hash} and k.revoked_at is null and ${live}`,
    };
  }
  return {
    select: `${actor}, s.csrf_token`,
    from: `crm_system.sessions as s ${people.replaceAll('?', 's')} where s.id = ${hash} and s.expires_at > now() and ${live}`,
  };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether the gate's row says what the remembered resolution says (else it is resolved afresh). */
export const gateHolds = (row: Record<string, unknown>, auth: AuthContext): boolean => {
  const fresh = authFromRow(row, auth.via);
  if (!same(fresh.tenant, auth.tenant) || !same(fresh.actor, auth.actor)) return false;
  return auth.via === 'api_key' ? same(row.scopes ?? [], auth.scopes ?? []) : row.csrf_token === auth.csrfToken;
};

/** A remembered resolution of this token, fresh enough to use with its gate, or undefined. */
export const recallAuth = (digest: string, via: AuthContext['via'], now = Date.now()): { auth: AuthContext; gate: TenantGate } | undefined => {
  const r = remembered.get(keyOf(via, digest));
  if (!r || now - r.at >= REMEMBER_MS) return undefined;
  const gate = gateOf(digest, r.auth);
  return gate && { auth: r.auth, gate };
};
