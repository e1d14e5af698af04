import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import * as m001 from './migrations/001-engine-tables.js';
import * as m002 from './migrations/002-login-throttle.js';
import * as m003 from './migrations/003-tenant-users.js';
import * as m004 from './migrations/004-counter-log.js';
import * as m005 from './migrations/005-workflow-tables.js';
import * as m006 from './migrations/006-tenant-files.js';
import * as m007 from './migrations/007-saved-views.js';
import * as m008 from './migrations/008-file-attachments.js';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/** Engine migrations in the order they run. Append only; never edit a shipped one. */
const migrations: Migration[] = [
  { name: '001-engine-tables', ...m001 },
  { name: '002-login-throttle', ...m002 },
  { name: '003-tenant-users', ...m003 },
  { name: '004-counter-log', ...m004 },
  { name: '005-workflow-tables', ...m005 },
  { name: '006-tenant-files', ...m006 },
  { name: '007-saved-views', ...m007 },
  { name: '008-file-attachments', ...m008 },
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

/**
 * Extensions live in schema crm_ext, which every tenant role may use (it is on each
 * tenant's search_path). pg_trgm is optional: where the server lacks it, search falls
 * back to plain matching.
 */
const installExtensions = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('create schema if not exists crm_ext');
  await trx.raw('grant usage on schema crm_ext to public');
  await trx
    .transaction((sp) => sp.raw('create extension if not exists pg_trgm with schema crm_ext'))
    .catch(() => undefined);
};
