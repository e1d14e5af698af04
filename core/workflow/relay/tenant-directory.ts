import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { listTenants as listAllTenants } from '../../tenants/tenant-store.js';

export { quoteIdent } from '../../db/tenant.js';

/** The active tenants (the relay and the tick walk them). */
export const listTenants = async (knex: Knex): Promise<Tenant[]> => listAllTenants(knex, { active: true });
