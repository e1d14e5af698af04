import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * Two-factor sign-in for staff users: the TOTP secret once enrolment is confirmed, the one
 * being enrolled, the last time step accepted (a code is good once) and the digests of the
 * unused recovery codes.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    alter table crm_system.users add column if not exists totp_secret text;
    alter table crm_system.users add column if not exists totp_pending text;
    alter table crm_system.users add column if not exists totp_last_step bigint;
    alter table crm_system.users add column if not exists recovery_codes text[] not null default '{}';
  `,
  );
};
