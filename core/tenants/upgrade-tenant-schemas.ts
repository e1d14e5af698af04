import type { Knex } from 'knex';
import { climbTenantSchema, LATEST_TENANT_SCHEMA } from '../db/tenant-schema/ladder.js';
import { listTenants, lockSchemaVersion, recordSchemaVersion, type TenantListing } from './tenant-store.js';

export interface TenantSchemaUpgrade {
  tenant: string;
  from: number;
  to: number;
  /** The rungs run, as `NNN-name`; empty when the tenant was up to date. */
  steps: string[];
  error?: string;
}

/** One line for a person: what happened to one tenant's schema. */
export const describeUpgrade = (u: TenantSchemaUpgrade): string =>
  u.error
    ? `tenant ${u.tenant}: failed at schema v${u.from} → v${LATEST_TENANT_SCHEMA}: ${u.error}`
    : u.steps.length
      ? `tenant ${u.tenant}: schema v${u.from} → v${u.to} (${u.steps.join(', ')})`
      : `tenant ${u.tenant}: schema v${u.to}, up to date`;

/** One tenant, in its own transaction; its version is read again under the row lock (another process may have climbed it meanwhile). */
const climbOne = (knex: Knex, tenant: TenantListing): Promise<TenantSchemaUpgrade> =>
  knex
    .transaction(async (trx): Promise<TenantSchemaUpgrade> => {
      const from = (await lockSchemaVersion(trx, tenant.id)) ?? LATEST_TENANT_SCHEMA;
      const steps = await climbTenantSchema(trx, tenant, from);
      const to = steps.length ? steps[steps.length - 1].version : from;
      if (steps.length) await recordSchemaVersion(trx, tenant.id, to);
      return { tenant: tenant.slug, from, to, steps: steps.map((s) => `${String(s.version).padStart(3, '0')}-${s.name}`) };
    })
    .catch((e: Error) => ({ tenant: tenant.slug, from: tenant.schemaVersion, to: tenant.schemaVersion, steps: [], error: e.message }));

/**
 * Brings every tenant's schema to the top of the ladder, tenant by tenant: each one
 * behind gets its own transaction that locks its row (so two processes starting together
 * climb it once), runs the pending rungs as the tenant's role and records the version.
 * A failing tenant is reported and rolled back whole; the others carry on.
 */
export const upgradeTenantSchemas = async (knex: Knex, opts: { onTenant?: (u: TenantSchemaUpgrade) => void } = {}): Promise<TenantSchemaUpgrade[]> => {
  const done: TenantSchemaUpgrade[] = [];
  for (const tenant of await listTenants(knex)) {
    const upToDate = tenant.schemaVersion >= LATEST_TENANT_SCHEMA;
    const upgrade = upToDate ? { tenant: tenant.slug, from: tenant.schemaVersion, to: tenant.schemaVersion, steps: [] } : await climbOne(knex, tenant);
    opts.onTenant?.(upgrade);
    done.push(upgrade);
  }
  return done;
};
