import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/** Portal links may also verify a self-registered person's e-mail address (purpose `verification`). */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    alter table crm_system.portal_tokens drop constraint portal_tokens_purpose_check;
    alter table crm_system.portal_tokens add constraint portal_tokens_purpose_check check (purpose in ('invitation', 'reset', 'verification'));
  `,
  );
};
