import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * Service accounts are users of kind `service`: no password, no person behind them, an
 * optional expiry and a write scope (null: what the roles allow; a list: only those
 * entities; empty list: read only). Request counts for the rate limits live in
 * rate-limiter-flexible's Postgres layout, like the sign-in throttle.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    alter table crm_system.users add column kind text not null default 'person' check (kind in ('person', 'service'));
    alter table crm_system.users add column expires_at timestamptz;
    alter table crm_system.users add column write_scope jsonb;
    create table crm_system.rate_limits (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    );
    create index rate_limits_expire on crm_system.rate_limits (expire);
  `,
  );
};
