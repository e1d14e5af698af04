import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * What a person's sessions list shows (the device's user agent and the address it signed in
 * from), and `enrolment_only`: a session of someone whose role requires two-factor sign-in
 * and who has not enrolled yet; it reaches only the enrolment until they do.
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    alter table crm_system.sessions add column if not exists user_agent text;
    alter table crm_system.sessions add column if not exists ip text;
    alter table crm_system.sessions add column if not exists enrolment_only boolean not null default false;
  `,
  );
};
