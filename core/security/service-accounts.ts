import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { badRequest, conflict, invalidInput, notFound, type FieldProblem } from '../errors.js';
import { audit } from './audit.js';
import { mirrorUser } from './mirror-user.js';
import { forgetAuth } from './remembered-auth.js';
import type { SecurityCtx } from './types.js';

/**
 * Service accounts: identities of a tenant that are not a person (integrations, scripts).
 * Each is a row of crm_system.users of kind `service`, so roles, teams, row scopes,
 * `created_by` and history treat it like a user; it has no password and signs in only with
 * its API keys (service-account-keys.ts). It may expire, and its write scope narrows what
 * its roles let it write: `all`, `none` (read only) or a list of entity names.
 */
export type WriteScope = 'all' | 'none' | string[];

export interface ServiceAccount {
  id: string;
  name: string;
  roles: string[];
  team: string | null;
  writeScope: WriteScope;
  expiresAt: string | null;
  expired: boolean;
  active: boolean;
  createdAt: string;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = new Set(['name', 'roles', 'team', 'writeScope', 'expiresAt', 'active']);

const scopeOf = (stored: unknown): WriteScope => (Array.isArray(stored) ? (stored.length ? (stored as string[]) : 'none') : 'all');
const storedScope = (scope: WriteScope): string | null => (scope === 'all' ? null : JSON.stringify(scope === 'none' ? [] : [...new Set(scope)]));

export const serviceAccountOf = (r: Record<string, unknown>): ServiceAccount => {
  const expiresAt = r.expires_at ? new Date(r.expires_at as string) : null;
  return {
    id: r.id as string,
    name: r.name as string,
    roles: (r.roles as string[]) ?? [],
    team: (r.team as string | null) ?? null,
    writeScope: scopeOf(r.write_scope),
    expiresAt: expiresAt?.toISOString() ?? null,
    expired: expiresAt !== null && expiresAt.getTime() <= Date.now(),
    active: r.active as boolean,
    createdAt: new Date(r.created_at as string).toISOString(),
  };
};

/** Every problem of a new account or a change (`partial`: only the fields given). */
const problemsOf = (c: Record<string, unknown>, partial: boolean): FieldProblem[] => {
  const p: FieldProblem[] = Object.keys(c).filter((k) => !FIELDS.has(k)).map((k) => ({ field: k, message: 'is not a property of a service account' }));
  const has = (k: string) => !partial || k in c;
  if (has('name') && (typeof c.name !== 'string' || !c.name.trim() || c.name.length > 100)) p.push({ field: 'name', message: 'is required (at most 100 characters)' });
  if (has('roles') && !(Array.isArray(c.roles) && c.roles.every((r) => typeof r === 'string' && NAME.test(r)))) p.push({ field: 'roles', message: 'must be a list of role names' });
  if ('team' in c && c.team !== null && !(typeof c.team === 'string' && NAME.test(c.team))) p.push({ field: 'team', message: 'must be a team name or null' });
  const w = c.writeScope;
  if ('writeScope' in c && !(w === 'all' || w === 'none' || (Array.isArray(w) && w.length > 0 && w.every((e) => typeof e === 'string' && NAME.test(e))))) {
    p.push({ field: 'writeScope', message: 'must be "all", "none" (read only) or a list of entity names' });
  }
  if ('expiresAt' in c && c.expiresAt !== null) {
    const at = typeof c.expiresAt === 'string' ? Date.parse(c.expiresAt) : NaN;
    if (Number.isNaN(at)) p.push({ field: 'expiresAt', message: 'must be a date and time (ISO 8601) or null' });
    else if (at <= Date.now()) p.push({ field: 'expiresAt', message: 'must be in the future' });
  }
  if ('active' in c && typeof c.active !== 'boolean') p.push({ field: 'active', message: 'must be true or false' });
  return p;
};

const sameName = async (knex: Knex, tenantId: string, name: string, except?: string) => {
  const q = knex('crm_system.users').where({ tenant_id: tenantId, kind: 'service' }).whereRaw('lower(name) = lower(?)', [name]);
  if (except) q.whereNot({ id: except });
  if (await q.first('id')) throw conflict(`A service account named ${name} already exists`, { errors: [{ field: 'name', message: 'is taken' }] });
};

/** Adds a service account (tenant admins): name, roles, team, write scope (default `all`), expiry (default none). */
export const createServiceAccount = async (input: { tenantId: string; account: Record<string, unknown>; byId?: string }, { knex }: SecurityCtx): Promise<ServiceAccount> => {
  const a: Record<string, unknown> = { roles: [], writeScope: 'all', ...input.account };
  const problems = problemsOf(a, false);
  if (problems.length) throw invalidInput('The service account is not valid', problems);
  const name = (a.name as string).trim();
  const id = uuidv7();
  const row = {
    id,
    tenant_id: input.tenantId,
    kind: 'service',
    // Not an address anyone can write to (RFC 2606), unique in the tenant; never used to sign in.
    email: `${id}@service-account.invalid`,
    name,
    password_hash: null,
    roles: a.roles,
    team: (a.team as string | null | undefined) ?? null,
    write_scope: storedScope(a.writeScope as WriteScope),
    expires_at: a.expiresAt ? new Date(a.expiresAt as string) : null,
    active: a.active !== false,
  };
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`service-account:${input.tenantId}`]);
    await sameName(trx, input.tenantId, name);
    const [saved] = await trx('crm_system.users').insert(row).returning('*');
    await audit(trx, { tenantId: input.tenantId, actorId: input.byId, action: 'service_account.create', target: id, details: { name, roles: row.roles, writeScope: a.writeScope, expiresAt: a.expiresAt ?? null } });
    await mirrorUser(trx, input.tenantId, { id, team: row.team, active: row.active });
    return serviceAccountOf(saved);
  });
};

export const listServiceAccounts = async (input: { tenantId: string }, { knex }: SecurityCtx): Promise<ServiceAccount[]> =>
  (await knex('crm_system.users').where({ tenant_id: input.tenantId, kind: 'service' }).orderByRaw('lower(name)')).map(serviceAccountOf);

/** One service account of the tenant, locked for a change when `trx` is a transaction; 404 otherwise. */
export const findServiceAccount = async (knex: Knex, tenantId: string, id: string, lock = false): Promise<Record<string, unknown>> => {
  const q = knex('crm_system.users').where({ tenant_id: tenantId, id: UUID.test(id) ? id : null, kind: 'service' });
  const row = await (lock ? q.forUpdate() : q).first();
  if (!row) throw notFound('No such service account in this tenant');
  return row;
};

/**
 * Changes a service account: name, roles, team, write scope, expiry (null: never), active
 * (false disables it: its keys stop working at once). Audited with what changed.
 */
export const updateServiceAccount = async (input: { tenantId: string; id: string; changes: unknown; byId?: string }, { knex }: SecurityCtx): Promise<ServiceAccount> => {
  if (!input.changes || typeof input.changes !== 'object' || Array.isArray(input.changes)) throw badRequest('The body must be a JSON object');
  const c = input.changes as Record<string, unknown>;
  const saved = await knex.transaction(async (trx) => {
    const row = await findServiceAccount(trx, input.tenantId, input.id, true);
    const problems = problemsOf(c, true);
    if (problems.length) throw invalidInput('The changes are not valid', problems);
    const update: Record<string, unknown> = { updated_at: trx.fn.now() };
    if ('name' in c) {
      update.name = (c.name as string).trim();
      await sameName(trx, input.tenantId, update.name as string, row.id as string);
    }
    if ('roles' in c) update.roles = c.roles;
    if ('team' in c) update.team = c.team;
    if ('writeScope' in c) update.write_scope = storedScope(c.writeScope as WriteScope);
    if ('expiresAt' in c) update.expires_at = c.expiresAt === null ? null : new Date(c.expiresAt as string);
    if ('active' in c) update.active = c.active;
    const [after] = await trx('crm_system.users').where({ id: row.id }).update(update).returning('*');
    const action = c.active === false ? 'service_account.disable' : 'service_account.update';
    await audit(trx, { tenantId: input.tenantId, actorId: input.byId, action, target: row.id as string, details: { changed: Object.keys(c), ...c } });
    await mirrorUser(trx, input.tenantId, { id: after.id, team: after.team, active: after.active });
    return serviceAccountOf(after);
  });
  forgetAuth({ userId: saved.id });
  return saved;
};
