import type { Knex } from 'knex';
import type { TenantTransactionConfig } from './pg-tenant-client.js';
import { failingGateSql, TenantGateClosed, type TenantGate } from './tenant-gate.js';

export { TenantGateClosed, type TenantGate } from './tenant-gate.js';

/**
 * What the engine needs to enter a tenant's walls. The row behind it
 * (crm_system.tenants) is read and written by core/tenants/tenant-store.ts only.
 */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  schema: string;
  role: string;
  publishedVersion: number;
  metaRevision: number;
}

export const TENANT_SLUG = /^[a-z][a-z0-9_]{0,39}$/;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const searchPathLiteral = (tenant: Pick<Tenant, 'schema'>): string => quoteLiteral(`${quoteIdent(tenant.schema)}, crm_ext, pg_catalog`);

/** The select items that take a tenant's role and search_path until the transaction ends. */
const tenantSetupColumns = (tenant: Pick<Tenant, 'role' | 'schema'>): string =>
  `set_config('role', ${quoteLiteral(tenant.role)}, true) as _tenant_role, set_config('search_path', ${searchPathLiteral(tenant)}, true) as _tenant_path`;

/** The statement that takes a tenant's role and search_path until the transaction ends. */
const tenantSetupSql = (tenant: Pick<Tenant, 'role' | 'schema'>): string => `select ${tenantSetupColumns(tenant)}`;

/** The gate's check and the set-up in one statement: no row, no role. */
const gateSql = (tenant: Tenant, gate: TenantGate): string => `select ${gate.select}, ${tenantSetupColumns(tenant)} from ${gate.from}`;

/**
 * Takes the tenant's role and search_path in the caller's transaction (SET LOCAL: they
 * last until the transaction ends, or until leaveTenant). The one place, with withTenant
 * and the gate, that writes the role switch; role and schema names come from
 * crm_system.tenants and are quoted as literals.
 */
export const enterTenant = async (trx: Knex.Transaction, tenant: Pick<Tenant, 'role' | 'schema'>): Promise<void> => {
  await trx.raw(tenantSetupSql(tenant));
};

/** Takes the engine's own role and search_path back in the caller's transaction. */
export const leaveTenant = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`select set_config('role', 'none', true), set_config('search_path', '"$user", public', true)`);
};

/**
 * Runs fn in one transaction inside the tenant's walls: the first statement takes the
 * tenant's role and search_path (SET LOCAL, so they end with the transaction). A query
 * naming another tenant's table fails with a permission error even if code is wrong.
 * On the pg pool the set-up travels with BEGIN in one round trip (PgTenantClient).
 *
 * With a gate (a check that must pass first, e.g. that the session still holds), the
 * set-up statement is the gate's check and TenantGateClosed is thrown when it refuses:
 * nothing ran inside the tenant. On the pg pool BEGIN and the gate travel with fn's first
 * statement, in one round trip, and the gate then fails that whole message.
 * `oneStatement`: fn runs exactly one statement (a read). On the pg pool it travels with
 * BEGIN, the set-up and COMMIT in one round trip; a second statement would be refused.
 */
export const withTenant = async <T>(
  knex: Knex,
  tenant: Tenant,
  fn: (trx: Knex.Transaction) => Promise<T>,
  opts: { gate?: TenantGate; oneStatement?: boolean } = {},
): Promise<T> => {
  const { gate, oneStatement } = opts;
  if (!knex.isTransaction && (knex.client as { tenantSetupInBegin?: boolean }).tenantSetupInBegin) {
    const tenantSetup = gate ? failingGateSql(gate, quoteLiteral(tenant.role), searchPathLiteral(tenant)) : tenantSetupSql(tenant);
    const config: TenantTransactionConfig = { tenantSetup, deferTenantSetup: Boolean(gate || oneStatement), commitWithFirst: oneStatement };
    return knex.transaction(fn, config as Knex.TransactionConfig);
  }
  return knex.transaction(async (trx) => {
    if (!gate) {
      await enterTenant(trx, tenant);
      return fn(trx);
    }
    const { rows } = (await trx.raw(gateSql(tenant, gate))) as { rows: unknown[] };
    if (!rows.length) throw new TenantGateClosed();
    return fn(trx);
  });
};

/**
 * Runs fn inside the tenant's walls within the caller's engine transaction (a savepoint
 * under the tenant's role and search_path), then takes the engine's role back, so the
 * caller can go on writing crm_system rows in the same transaction.
 */
export const asTenant = async <T>(trx: Knex.Transaction, tenant: Tenant, fn: (t: Knex.Transaction) => Promise<T>): Promise<T> => {
  try {
    return await withTenant(trx, tenant, fn);
  } finally {
    await leaveTenant(trx);
  }
};
