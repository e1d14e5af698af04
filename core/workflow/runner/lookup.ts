import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { isLocale, type Locale } from '../../errors/locale.js';
import { readMailSettings, storeMessage, type MailSettings, type NewMessage } from '../../mail/index.js';
import { readState } from '../triggers/wf-state.js';
import { readSecrets } from '../../security/index.js';
import type { Actor } from '../../security/actor.js';

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  roles: string[];
  team: string | null;
}

/**
 * Look-ups a step makes before (never inside) its transaction: they take their own
 * connection, which on PGlite's single connection would wait for the open transaction.
 */
export interface Lookup {
  /** Active users of the tenant named by id, holding one of the roles, or in the team. */
  users(q: { ids?: string[]; roles?: string[]; team?: string }): Promise<DirectoryUser[]>;
  /** A tenant secret kept in `_wf_state` (made on first use), e.g. the outbound signing key. */
  secret(name: string): Promise<string>;
  /** Values of the tenant's vault secrets by name (core/security/vault.ts); a missing name is 404 SECRET_NOT_FOUND. */
  vaultSecrets(names: string[]): Promise<Record<string, string>>;
  /** The language of each user of the tenant who does not read English (the others read English). */
  locales(): Promise<Record<string, Locale>>;
  /**
   * Out-of-office delegations of approvers that have not ended (a day of slack for every
   * time zone; the step judges the day), each with the delegate as an actor (active users
   * only) and both names.
   */
  delegations(): Promise<DelegateOf[]>;
  /** The tenant's sending identity (core/mail). */
  mailSettings(): Promise<MailSettings>;
  /** Stores a sent message in its own tenant transaction (core/mail). */
  storeMail(message: NewMessage): Promise<void>;
}

export interface DelegateOf {
  user_id: string;
  userName: string;
  starts_on: string;
  ends_on: string;
  delegate: Actor;
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const lookupFor = (knex: Knex, tenant: Tenant): Lookup => ({
  async users(q) {
    const ids = (q.ids ?? []).filter((id) => UUID.test(id));
    const roles = q.roles ?? [];
    if (!ids.length && !roles.length && !q.team) return [];
    return knex('crm_system.users')
      .where({ tenant_id: tenant.id, active: true })
      .where((w) => {
        if (ids.length) w.orWhereIn('id', ids);
        // Roles and teams pick people; a service account is found only by its id.
        if (roles.length) w.orWhere((p) => p.where('kind', 'person').whereRaw('roles && ?::text[]', [roles]));
        if (q.team) w.orWhere({ team: q.team, kind: 'person' });
      })
      .orderBy('id')
      .select('id', 'name', 'email', 'roles', 'team');
  },
  async locales() {
    const rows: { id: string; locale: string }[] = await knex('crm_system.users').where({ tenant_id: tenant.id }).whereNot('locale', 'en').select('id', 'locale');
    return Object.fromEntries(rows.filter((r) => isLocale(r.locale)).map((r) => [r.id, r.locale as Locale]));
  },
  secret: (name) =>
    withTenant(knex, tenant, async (trx) => {
      const key = `secret:${name}`;
      const have = await readState<string>(trx, key);
      if (have) return have;
      const made = randomBytes(32).toString('hex');
      await trx.raw(`insert into _wf_state (key, value) values (?, ?::jsonb) on conflict (key) do nothing`, [key, JSON.stringify(made)]);
      return (await readState<string>(trx, key)) ?? made;
    }),
  vaultSecrets: (names) => readSecrets(knex, tenant.id, names),
  async delegations() {
    const rows: { user_id: string; delegate_id: string; starts_on: unknown; ends_on: unknown }[] = await withTenant(knex, tenant, (trx) =>
      trx('_wf_delegations').whereRaw('ends_on >= current_date - 1').select('user_id', 'delegate_id', 'starts_on', 'ends_on'),
    );
    if (!rows.length) return [];
    const ids = [...new Set(rows.flatMap((r) => [r.user_id, r.delegate_id]))];
    const users: { id: string; name: string; roles: string[] | null; team: string | null; is_admin: boolean; active: boolean }[] = await knex('crm_system.users')
      .where({ tenant_id: tenant.id })
      .whereIn('id', ids)
      .select('id', 'name', 'roles', 'team', 'is_admin', 'active');
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.flatMap((r) => {
      const d = byId.get(r.delegate_id);
      if (!d?.active) return [];
      const delegate: Actor = { id: d.id, name: d.name, roles: d.roles ?? [], team: d.team, isAdmin: d.is_admin };
      return [{ user_id: r.user_id, userName: byId.get(r.user_id)?.name ?? '', starts_on: day(r.starts_on), ends_on: day(r.ends_on), delegate }];
    });
  },
  mailSettings: () => withTenant(knex, tenant, (trx) => readMailSettings(trx)),
  storeMail: async (message) => {
    await withTenant(knex, tenant, (trx) => storeMessage(trx, message));
  },
});

