import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { conflict, invalidInput, notFound } from '../../errors.js';
import type { SecurityCtx } from '../types.js';

const USERS = 'crm_system.portal_users';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person outside the company: signs in to the portal only, holds one portal role, and is linked to one record. */
export interface PortalUser {
  id: string;
  email: string;
  name: string;
  role: string;
  linkedEntity: string;
  linkedId: string;
  active: boolean;
  /** Whether a password is set (an invitation accepted). */
  activated: boolean;
  createdAt: string;
}

export interface PortalUserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: string;
  linked_entity: string;
  linked_id: string;
  active: boolean;
  created_at: Date | string;
}

export const portalUserOf = (r: PortalUserRow): PortalUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  linkedEntity: r.linked_entity,
  linkedId: r.linked_id,
  active: r.active,
  activated: r.password_hash !== null,
  createdAt: new Date(r.created_at).toISOString(),
});

export interface NewPortalUser {
  tenantId: string;
  email: string;
  name: string;
  role: string;
  linkedEntity: string;
  linkedId: string;
  createdBy?: string;
  /** Self-registration: the password chosen at once, the user inactive until the address is verified. */
  pending?: { passwordHash: string };
}

/** Adds a portal user without a password (they set one through their invitation); 409 when the e-mail is taken in the tenant. */
export const createPortalUser = async (u: NewPortalUser, { knex }: SecurityCtx): Promise<PortalUser> => {
  const email = u.email.trim().toLowerCase();
  const problems = [
    ...(EMAIL.test(email) && email.length <= 254 ? [] : [{ field: 'email', message: 'must be an e-mail address' }]),
    ...(u.name.trim() && u.name.length <= 200 ? [] : [{ field: 'name', message: 'is required (at most 200 characters)' }]),
    ...(UUID.test(u.linkedId) ? [] : [{ field: 'id', message: 'must be a record id' }]),
  ];
  if (problems.length) throw invalidInput('The portal user is not valid', problems);
  const taken = await knex(USERS).where({ tenant_id: u.tenantId }).whereRaw('lower(email) = ?', [email]).first('id');
  if (taken) throw conflict('A portal user with this e-mail already exists', { errors: [{ field: 'email', message: 'taken' }] });
  const row = { id: uuidv7(), tenant_id: u.tenantId, email, name: u.name.trim(), role: u.role, linked_entity: u.linkedEntity, linked_id: u.linkedId, created_by: u.createdBy && UUID.test(u.createdBy) ? u.createdBy : null, ...(u.pending && { password_hash: u.pending.passwordHash, active: false }) };
  const [made] = await knex(USERS).insert(row).returning('*');
  return portalUserOf(made as PortalUserRow);
};

export const listPortalUsers = async (input: { tenantId: string }, { knex }: SecurityCtx): Promise<PortalUser[]> =>
  ((await knex(USERS).where({ tenant_id: input.tenantId }).orderBy('email')) as PortalUserRow[]).map(portalUserOf);

/** Deactivates a portal user and ends their sessions. */
export const deactivatePortalUser = async (input: { tenantId: string; id: string }, { knex }: SecurityCtx): Promise<void> => {
  if (!UUID.test(input.id)) throw notFound('No such portal user');
  const n = await knex(USERS).where({ tenant_id: input.tenantId, id: input.id }).update({ active: false });
  if (!n) throw notFound('No such portal user');
  await knex('crm_system.portal_sessions').where({ portal_user_id: input.id }).delete();
};

export const findPortalUserRow = async (knex: Knex, tenantId: string, email: string): Promise<PortalUserRow | undefined> =>
  knex(USERS).where({ tenant_id: tenantId, active: true }).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first();
