import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { conflict, invalidInput, LOCALES, notFound, type FieldProblem } from '../errors.js';
import { audit } from './audit.js';
import { mirrorUser } from './mirror-user.js';
import { managerProblem } from './user-manager.js';
import { forgetAuth } from './remembered-auth.js';
import { hashPassword, passwordProblems } from './passwords.js';
import type { SecurityCtx } from './types.js';

export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: boolean;
  roles: string[];
  team: string | null;
  manager_id?: string | null;
  locale: string;
  active: boolean;
  created_at: Date | string;
}

/** A user as the API shows it: never the hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  roles: string[];
  team: string | null;
  /** The user's manager (a user id): sees what the user owns where a role grants the hierarchy. */
  manager: string | null;
  locale: string;
  active: boolean;
}

export const publicUser = (r: UserRow): PublicUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  isAdmin: r.is_admin,
  roles: r.roles ?? [],
  team: r.team,
  manager: r.manager_id ?? null,
  locale: r.locale,
  active: r.active,
});

export interface NewUser {
  tenantId: string;
  email: unknown;
  password: unknown;
  name: unknown;
  roles?: unknown;
  team?: unknown;
  manager?: unknown;
  isAdmin?: boolean;
  locale?: unknown;
  /** Who creates the user (for the audit log). */
  byId?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
export { LOCALES };

const problemsOf = (u: NewUser): FieldProblem[] => {
  const p: FieldProblem[] = [];
  if (typeof u.email !== 'string' || !EMAIL.test(u.email.trim())) p.push({ field: 'email', message: 'must be an e-mail address' });
  if (typeof u.name !== 'string' || u.name.trim() === '' || u.name.length > 200) p.push({ field: 'name', message: 'is required (at most 200 characters)' });
  p.push(...passwordProblems(u.password, typeof u.email === 'string' ? u.email : undefined));
  if (u.roles !== undefined && !(Array.isArray(u.roles) && u.roles.every((r) => typeof r === 'string' && NAME.test(r)))) {
    p.push({ field: 'roles', message: 'must be a list of role names' });
  }
  if (u.team !== undefined && u.team !== null && !(typeof u.team === 'string' && NAME.test(u.team))) p.push({ field: 'team', message: 'must be a team name' });
  if (u.locale !== undefined && !LOCALES.includes(u.locale as (typeof LOCALES)[number])) p.push({ field: 'locale', message: 'must be en or zh-CN' });
  return p;
};

/** Adds a user to a tenant. Bad input is 400 with every failing field; a taken e-mail is 409. */
export const createUser = async (u: NewUser, { knex }: SecurityCtx): Promise<PublicUser> => {
  const problems = problemsOf(u);
  const manager = await managerProblem(knex, u.tenantId, undefined, u.manager);
  if (manager) problems.push(manager);
  if (problems.length) throw invalidInput('The user is not valid', problems);
  const email = (u.email as string).trim().toLowerCase();
  const taken = await knex('crm_system.users').where({ tenant_id: u.tenantId }).whereRaw('lower(email) = ?', [email]).first('id');
  if (taken) throw conflict(`A user with e-mail ${email} already exists`, { errors: [{ field: 'email', message: 'is taken' }] });
  const row = {
    id: uuidv7(),
    tenant_id: u.tenantId,
    email,
    name: (u.name as string).trim(),
    password_hash: await hashPassword(u.password as string),
    is_admin: u.isAdmin === true,
    roles: (u.roles as string[] | undefined) ?? [],
    team: (u.team as string | undefined) ?? null,
    manager_id: (u.manager as string | undefined) ?? null,
    locale: (u.locale as string | undefined) ?? 'en',
  };
  const saved = await knex.transaction(async (trx) => {
    const [inserted] = await trx('crm_system.users').insert(row).returning('*');
    await audit(trx, { tenantId: u.tenantId, actorId: u.byId, action: 'user.create', target: row.id, details: { email } });
    await mirrorUser(trx, u.tenantId, { id: row.id, team: row.team, active: true, manager: row.manager_id });
    return inserted as UserRow;
  });
  return publicUser(saved);
};

/** The people of the tenant (service accounts are listed by listServiceAccounts). */
export const listUsers = async (input: { tenantId: string }, { knex }: SecurityCtx): Promise<PublicUser[]> =>
  ((await knex('crm_system.users').where({ tenant_id: input.tenantId, kind: 'person' }).orderBy('email')) as UserRow[]).map(publicUser);

export const findUserByEmail = async (tenantId: string, email: string, { knex }: SecurityCtx): Promise<UserRow | undefined> =>
  knex('crm_system.users').where({ tenant_id: tenantId, kind: 'person' }).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first();

/** Turns a user off (sign-in refused, sessions and keys stop working); the row stays. */
export const deactivateUser = async (input: { tenantId: string; id: string; byId?: string }, { knex }: SecurityCtx): Promise<void> => {
  await knex.transaction(async (trx) => {
    const [row] = await trx('crm_system.users').where({ tenant_id: input.tenantId, id: input.id, kind: 'person' }).update({ active: false, updated_at: trx.fn.now() }).returning(['id', 'team']);
    if (!row) throw notFound('No such user');
    await trx('crm_system.sessions').where({ user_id: input.id }).delete();
    await audit(trx, { tenantId: input.tenantId, actorId: input.byId, action: 'user.deactivate', target: input.id });
    await mirrorUser(trx, input.tenantId, { id: row.id, team: row.team, active: false });
  });
  forgetAuth({ userId: input.id });
};

/** A user of the tenant as the actor the record service and the permission engine take. */
export const actorOfUser = async (input: { tenantId: string; id: string }, { knex }: SecurityCtx) => {
  const row: UserRow | undefined = /^[0-9a-f-]{36}$/i.test(input.id) ? await knex('crm_system.users').where({ tenant_id: input.tenantId, id: input.id }).first() : undefined;
  if (!row) throw notFound('No such user in this tenant');
  return { id: row.id, name: row.name, roles: row.roles ?? [], team: row.team, isAdmin: row.is_admin, active: row.active, manager: row.manager_id ?? null };
};
