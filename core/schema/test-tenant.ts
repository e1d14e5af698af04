import type { Knex } from 'knex';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';

/** Test support: a fresh tenant and a runner for work inside its walls. */
export const newTenant = async (db: Db, slug: string) => {
  const tenant = await createTenant(db.knex, { slug });
  return <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => withTenant(db.knex, tenant, fn);
};
