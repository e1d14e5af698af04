import type { Knex } from 'knex';
import { tenantFromRow, type Tenant } from '../../db/tenant.js';

/** The active tenants, read from crm_system (the relay and the tick walk them). */
export const listTenants = async (knex: Knex): Promise<Tenant[]> =>
  (await knex('crm_system.tenants').where({ status: 'active' }).select('*')).map(tenantFromRow);

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
