import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';
import { ATTACH_STORED_FILES, FILE_ATTACHMENT_DDL } from '../../files/files-table.js';

/**
 * Tenants' `_files` learn which record and field each file belongs to; files that
 * attachment values already name become attached to those records.
 */
export const up = async (knex: Knex): Promise<void> => {
  const tenants: { schema_name: string; role_name: string }[] = await knex('crm_system.tenants').select('schema_name', 'role_name');
  for (const t of tenants) {
    await knex.raw(`select set_config('role', ?, true), set_config('search_path', ?, true)`, [t.role_name, `"${t.schema_name.replace(/"/g, '""')}"`]);
    await execScript(knex, FILE_ATTACHMENT_DDL);
    await knex.raw(ATTACH_STORED_FILES);
    await knex.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
  }
};
