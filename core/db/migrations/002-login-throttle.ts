import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/** Failed sign-in counts (rate-limiter-flexible's Postgres layout) and session expiry. */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table crm_system.login_throttle (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    );
    create index sessions_expires on crm_system.sessions (expires_at);
    create index api_keys_user on crm_system.api_keys (user_id);
  `,
  );
};
