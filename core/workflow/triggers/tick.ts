import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant.js';
import { readTenantSettings, tenantTimeOf } from '../../tenants/tenant-settings.js';
import { workflowsOf } from '../definitions.js';
import { listTenants } from '../relay/tenant-directory.js';
import type { TenantEnv } from '../runner/tenant-env.js';
import { fireDates } from './fire-dates.js';
import { fireSchedules } from './fire-schedules.js';

/**
 * The once-a-minute tick: for every tenant with schedule or date workflows, starts the
 * runs that came due in the tenant's zone (a trigger's own `timezone` wins), in one tenant transaction per tenant (a failing tenant does not
 * stop the others). Returns how many runs started.
 */
export const tick = async (knex: Knex, tenants: TenantEnv, now: Date = new Date(), onError: (e: unknown) => void = () => undefined): Promise<number> => {
  let started = 0;
  for (const tenant of await listTenants(knex)) {
    try {
      const meta = await tenants.meta(tenant);
      const flows = workflowsOf(meta).filter((w) => w.trigger.on === 'schedule' || w.trigger.on === 'date');
      if (!flows.length) continue;
      const time = tenantTimeOf(await readTenantSettings(knex, tenant));
      started += await withTenant(knex, tenant, async (trx) => (await fireSchedules(trx, tenant.id, meta, flows, now, time)).length + (await fireDates(trx, tenant.id, meta, flows, now, time)).length);
    } catch (e) {
      onError(e);
    }
  }
  return started;
};
