import { badRequest, conflict, invalidInput, notFound, type FieldProblem } from '../errors.js';
import { audit } from './audit.js';
import { mirrorUser } from './mirror-user.js';
import { managerProblem } from './user-manager.js';
import { forgetAuth } from './remembered-auth.js';
import { hashPassword, passwordProblems } from './passwords.js';
import type { SecurityCtx } from './types.js';
import { LOCALES, publicUser, type PublicUser, type UserRow } from './users.js';

export interface UserChanges {
  name?: unknown;
  roles?: unknown;
  team?: unknown;
  manager?: unknown;
  isAdmin?: unknown;
  active?: unknown;
  locale?: unknown;
  password?: unknown;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const KEYS = new Set(['name', 'roles', 'team', 'manager', 'isAdmin', 'active', 'locale', 'password']);

const problemsOf = (c: Record<string, unknown>, email: string): FieldProblem[] => {
  const p: FieldProblem[] = Object.keys(c).filter((k) => !KEYS.has(k)).map((k) => ({ field: k, message: 'cannot be changed here' }));
  if ('name' in c && (typeof c.name !== 'string' || !c.name.trim() || c.name.length > 200)) p.push({ field: 'name', message: 'is required (at most 200 characters)' });
  if ('roles' in c && !(Array.isArray(c.roles) && c.roles.every((r) => typeof r === 'string' && NAME.test(r)))) p.push({ field: 'roles', message: 'must be a list of role names' });
  if ('team' in c && c.team !== null && !(typeof c.team === 'string' && NAME.test(c.team))) p.push({ field: 'team', message: 'must be a team name or null' });
  for (const k of ['isAdmin', 'active'] as const) if (k in c && typeof c[k] !== 'boolean') p.push({ field: k, message: 'must be true or false' });
  if ('locale' in c && !LOCALES.includes(c.locale as (typeof LOCALES)[number])) p.push({ field: 'locale', message: 'must be en or zh-CN' });
  if ('password' in c) p.push(...passwordProblems(c.password, email));
  return p;
};

/**
 * Changes a user (tenant admins): name, roles, team, manager, admin flag, active, locale,
 * password. Every problem at once (400); an admin cannot take away their own admin flag
 * or deactivate themselves (409). Deactivating or a new password ends the user's
 * sessions. The change is audited with the fields it touched; the tenant's `_users`
 * mirror follows, all in one transaction.
 */
export const updateUser = async (input: { tenantId: string; id: string; changes: UserChanges; byId?: string }, { knex }: SecurityCtx): Promise<PublicUser> => {
  const c = (input.changes ?? {}) as Record<string, unknown>;
  if (typeof c !== 'object' || Array.isArray(c)) throw badRequest('The body must be a JSON object');
  const saved = await knex.transaction(async (trx) => {
    const row: UserRow | undefined = /^[0-9a-f-]{36}$/i.test(input.id)
      ? await trx('crm_system.users').where({ tenant_id: input.tenantId, id: input.id, kind: 'person' }).forUpdate().first()
      : undefined;
    if (!row) throw notFound('No such user in this tenant');
    const problems = problemsOf(c, row.email);
    const manager = 'manager' in c ? await managerProblem(trx, input.tenantId, row.id, c.manager) : undefined;
    if (manager) problems.push(manager);
    if (problems.length) throw invalidInput('The changes are not valid', problems);
    if (input.id === input.byId && (c.isAdmin === false || c.active === false)) {
      throw conflict('You cannot remove your own admin rights or deactivate yourself; ask another admin');
    }
    const update: Record<string, unknown> = { updated_at: trx.fn.now() };
    if ('name' in c) update.name = (c.name as string).trim();
    if ('roles' in c) update.roles = c.roles;
    if ('team' in c) update.team = c.team;
    if ('manager' in c) update.manager_id = c.manager;
    if ('isAdmin' in c) update.is_admin = c.isAdmin;
    if ('active' in c) update.active = c.active;
    if ('locale' in c) update.locale = c.locale;
    if ('password' in c) update.password_hash = await hashPassword(c.password as string);
    const [saved] = (await trx('crm_system.users').where({ id: row.id }).update(update).returning('*')) as UserRow[];
    if (c.active === false || 'password' in c) await trx('crm_system.sessions').where({ user_id: row.id }).delete();
    const changed = Object.keys(c).filter((k) => k !== 'password');
    await audit(trx, {
      tenantId: input.tenantId,
      actorId: /^[0-9a-f-]{36}$/i.test(input.byId ?? '') ? input.byId : null,
      action: 'user.update',
      target: row.id,
      details: { changed: 'password' in c ? [...changed, 'password'] : changed, ...('roles' in c ? { roles: [row.roles, c.roles] } : {}), ...('isAdmin' in c ? { isAdmin: [row.is_admin, c.isAdmin] } : {}) },
    });
    await mirrorUser(trx, input.tenantId, { id: saved.id, team: saved.team, active: saved.active, manager: saved.manager_id ?? null });
    return publicUser(saved);
  });
  forgetAuth({ userId: saved.id });
  return saved;
};
