import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * Single sign-on identities: which user of a tenant an OpenID Connect provider's person
 * is, keyed by the provider's issuer and the person's subject (`sub`, stable at the provider
 * whatever becomes of their e-mail address). One user has at most one subject per issuer.
 * `email` is the address the provider gave last (for the admin; sign-in never goes by it once
 * the identity is linked). Kept with the users in the engine schema; a user's identities go
 * with the user.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table if not exists crm_system.user_identities (
      tenant_id uuid not null references crm_system.tenants (id) on delete cascade,
      issuer text not null,
      subject text not null,
      user_id uuid not null references crm_system.users (id) on delete cascade,
      email text,
      created_at timestamptz not null default now(),
      last_sign_in_at timestamptz not null default now(),
      primary key (tenant_id, issuer, subject)
    );
    create unique index if not exists user_identities_user_issuer on crm_system.user_identities (user_id, issuer);
  `,
  );
};
