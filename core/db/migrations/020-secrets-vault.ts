import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * The script secrets vault: a tenant's named secrets, each sealed (AES-256-GCM) with the
 * install's key (core/security/at-rest.ts). Kept in the engine schema, not the tenant's: they
 * are sealed with this install's key, so they stay behind when a tenant moves (like sessions
 * and API keys) and are entered again at the target.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table if not exists crm_system.tenant_secrets (
      tenant_id uuid not null references crm_system.tenants (id) on delete cascade,
      name text not null,
      sealed text not null,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      primary key (tenant_id, name)
    );
  `,
  );
};
