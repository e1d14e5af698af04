import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';
import { WORKFLOW_TENANT_TABLES } from '../../workflow/tables/tenant-tables.js';

/** Existing tenants get the workflow tables (runs, outbox, step journal, notifications, approvals), made as their role. */
export const up = async (knex: Knex): Promise<void> => {
  const tenants: { schema_name: string; role_name: string }[] = await knex('crm_system.tenants').select('schema_name', 'role_name');
  for (const t of tenants) {
    const schema = `"${t.schema_name.replace(/"/g, '""')}"`;
    await knex.raw(`select set_config('role', ?, true), set_config('search_path', ?, true)`, [t.role_name, schema]);
    await execScript(knex, WORKFLOW_TENANT_TABLES);
    await knex.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
  }
};
