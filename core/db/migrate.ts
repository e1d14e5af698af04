import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import * as m001 from './migrations/001-engine-tables.js';
import * as m002 from './migrations/002-login-throttle.js';
import * as m003 from './migrations/003-tenant-users.js';
import * as m008 from './migrations/008-tenant-schema-version.js';
import * as m009 from './migrations/009-service-accounts.js';
import * as m011 from './migrations/011-public-and-portal.js';
import * as m012 from './migrations/012-portal-verification.js';
import * as m013 from './migrations/013-password-reset.js';
import * as m016 from './migrations/016-two-factor.js';
import * as m017 from './migrations/017-user-manager.js';
import * as m018 from './migrations/018-session-details.js';
import * as m020 from './migrations/020-secrets-vault.js';
import * as m021 from './migrations/021-modules-and-uploaded-plugins.js';
import * as m022 from './migrations/022-user-identities.js';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/**
 * Engine migrations (schema crm_system) in the order they run. Append only; never edit a
 * shipped one. Tables inside tenant schemas are not made here but by the tenant schema
 * ladder (core/db/tenant-schema).
 */
const migrations: Migration[] = [
  { name: '001-engine-tables', ...m001 },
  { name: '002-login-throttle', ...m002 },
  { name: '003-tenant-users', ...m003 },
  // 004–007 made tenant-internal tables in every tenant; the tenant schema ladder
  // (core/db/tenant-schema, run by core/tenants) does that now, for old tenants too.
  { name: '008-tenant-schema-version', ...m008 },
  { name: '009-service-accounts', ...m009 },
  { name: '011-public-and-portal', ...m011 },
  { name: '012-portal-verification', ...m012 },
  { name: '013-password-reset', ...m013 },
  { name: '016-two-factor', ...m016 },
  { name: '017-user-manager', ...m017 },
  { name: '018-session-details', ...m018 },
  { name: '020-secrets-vault', ...m020 },
  { name: '021-modules-and-uploaded-plugins', ...m021 },
  { name: '022-user-identities', ...m022 },
];

/**
 * Brings schema crm_system up to date. Runs in one transaction under an advisory lock,
 * so two processes starting together do not both migrate.
 */
export const migrateEngine = async (knex: Knex): Promise<string[]> =>
  knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(7310001)');
    await trx.raw('create schema if not exists crm_system');
    await trx.raw('revoke all on schema crm_system from public');
    await trx.raw(
      'create table if not exists crm_system.migrations (name text primary key, run_at timestamptz not null default now())',
    );
    const done = new Set((await trx('crm_system.migrations').select('name')).map((r: { name: string }) => r.name));
    const ran: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await m.up(trx);
      await trx('crm_system.migrations').insert({ name: m.name });
      ran.push(m.name);
    }
    await trx.raw(
      `insert into crm_system.settings (key, value) values ('install_id', to_jsonb(?::text)) on conflict (key) do nothing`,
      [randomBytes(4).toString('hex')],
    );
    await installExtensions(trx);
    return ran;
  });

/** Engine migrations this code knows that the database has not run (none once `migrateEngine` ran). */
export const pendingEngineMigrations = async (knex: Knex): Promise<string[]> => {
  const made = await knex.raw(`select to_regclass('crm_system.migrations') is not null as made`);
  if (!made.rows[0]?.made) return migrations.map((m) => m.name);
  const done = new Set((await knex('crm_system.migrations').select('name')).map((r: { name: string }) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
};

/**
 * Extensions live in schema crm_ext, which every tenant role may use (it is on each
 * tenant's search_path). pg_trgm is optional: where the server lacks it, search falls
 * back to plain matching.
 */
const installExtensions = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('create schema if not exists crm_ext');
  await trx.raw('grant usage on schema crm_ext to public');
  // Best effort by design: pg_trgm only speeds up search, and a server without the extension
  // (or a role that may not create it) still runs; the savepoint keeps the migration usable.
  await trx
    .transaction((sp) => sp.raw('create extension if not exists pg_trgm with schema crm_ext'))
    .catch(() => undefined);
};
