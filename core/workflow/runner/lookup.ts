import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { isLocale, type Locale } from '../../errors/locale.js';
import { readMailSettings, storeMessage, type MailSettings, type NewMessage } from '../../mail/index.js';
import { readState } from '../triggers/wf-state.js';
import { readSecrets } from '../../security/index.js';

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
  /** The tenant's sending identity (core/mail). */
  mailSettings(): Promise<MailSettings>;
  /** Stores a sent message in its own tenant transaction (core/mail). */
  storeMail(message: NewMessage): Promise<void>;
}

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
  mailSettings: () => withTenant(knex, tenant, (trx) => readMailSettings(trx)),
  storeMail: async (message) => {
    await withTenant(knex, tenant, (trx) => storeMessage(trx, message));
  },
});

