import type { Knex } from 'knex';
import { asTenant, withTenant, type Tenant } from '../db/tenant.js';
import { bumpMetaRevision } from '../tenants/tenant-store.js';
import { invalidInput } from '../errors.js';
import { markPublished } from '../metadata/published-layer.js';
import { formatProblem } from '../metadata/problem.js';
import { refuseFieldsInUse } from '../metadata/fields-in-use.js';
import { refuseOverLimits } from '../metadata/metadata-limits.js';
import { checkDraftMeta, mergePublishedMeta } from '../metadata/tenant-meta.js';
import { latestVersion, lockTenant } from '../metadata/tenant-store.js';
import type { EffectiveMeta } from '../metadata/types.js';
import { applyPlan, planSchema, type SchemaPlan } from './index.js';
import { fillOwnerFields } from './fill-owner-fields.js';
import { orphanedStates, type OrphanedState } from './orphaned-states.js';
import { retireSteps } from './retire-steps.js';


export interface PublishActor {
  id: string;
  name: string;
}

/** What a publish would do, as the studio shows it. */
export interface PublishPlan {
  steps: { description: string; destructive: boolean; kind: string; entity: string; field?: string; details?: Record<string, unknown> }[];
  destructive: boolean;
  /** Records whose state the draft takes out of their lifecycle: they keep it and are listed here (plan and publish). */
  orphanedStates?: OrphanedState[];
}

const shape = (plan: SchemaPlan): PublishPlan => ({
  destructive: plan.destructive,
  steps: plan.steps.map(({ kind, entity, field, description, destructive, details }) => ({ kind, entity, field, description, destructive, details })),
});

/**
 * The draft's effective metadata; a 409 when it removes a field its other documents still
 * use (before the checks, which would only call those uses unknown fields), a 422 past a
 * published limit, else a 400
 * listing every problem (file, pointer, message).
 */
const draftMetaOrRefuse = async (knex: Knex, tenant: Tenant, published: EffectiveMeta): Promise<EffectiveMeta> => {
  const checked = await checkDraftMeta(knex, tenant);
  refuseFieldsInUse(published, checked.meta);
  refuseOverLimits(published, checked.meta);
  if (checked.problems.length) {
    throw invalidInput(
      `The draft metadata has ${checked.problems.length} problem(s)`,
      checked.problems.map((p) => ({ field: `${p.file}#${p.pointer}`, message: p.message })),
      { problems: checked.problems.map(formatProblem) },
    );
  }
  return checked.meta;
};

/**
 * The dry run of a publish: the schema steps the draft needs, each safe or destructive,
 * plus what it retires (no table change, but hidden from users).
 */
export const planPublish = async (knex: Knex, tenant: Tenant): Promise<PublishPlan> => {
  const published = (await mergePublishedMeta(knex, tenant)).meta;
  const meta = await draftMetaOrRefuse(knex, tenant, published);
  const { plan, orphans } = await withTenant(knex, tenant, async (trx) => ({ plan: shape(await planSchema(trx, meta)), orphans: await orphanedStates(trx, published, meta) }));
  return { ...plan, steps: [...retireSteps(published, meta), ...plan.steps], orphanedStates: orphans };
};

/**
 * Publishes the tenant's draft: checks it, applies the schema plan (destructive steps
 * only with confirmDestructive, else 409 and nothing changes), marks the latest version
 * published and audits it — all in one transaction.
 */
export const publishTenant = async (
  knex: Knex,
  tenant: Tenant,
  actor: PublishActor,
  opts: { confirmDestructive?: boolean } = {},
): Promise<PublishPlan & { version: number }> =>
  knex.transaction(async (trx) => {
    await lockTenant(trx, tenant);
    const published = (await mergePublishedMeta(trx, tenant)).meta;
    const meta = await draftMetaOrRefuse(trx, tenant, published);
    const { plan, orphans, filled } = await asTenant(trx, tenant, async (t) => {
      const p = await planSchema(t, meta);
      const o = await orphanedStates(t, published, meta);
      await applyPlan(t, p, { confirmDestructive: opts.confirmDestructive });
      const filled = await fillOwnerFields(t, meta);
      return { plan: p, orphans: o, filled };
    });
    const version = await latestVersion(trx, tenant);
    if (version > 0) await markPublished({ version }, { knex: trx, tenant });
    else await bumpMetaRevision(trx, tenant);
    await trx('crm_system.audit_log').insert({
      tenant_id: tenant.id,
      actor_id: /^[0-9a-f-]{36}$/i.test(actor.id) ? actor.id : null,
      action: 'metadata.publish',
      target: `version:${version}`,
      details: JSON.stringify({
        steps: plan.steps.map((s) => s.description),
        destructive: plan.destructive,
        orphanedStates: orphans.map(({ entity, field, state, count }) => ({ entity, field, state, count })),
        ownerFieldsFilled: filled,
      }),
    });
    return { ...shape(plan), orphanedStates: orphans, version };
  });

/**
 * Brings the tenant's tables in line with the metadata in force (after a plugin is
 * installed, upgraded or uninstalled). Pass a transaction to share it.
 */
export const syncTenantSchema = async (
  knex: Knex,
  tenant: Tenant,
  opts: { confirmDestructive?: boolean } = {},
): Promise<PublishPlan> => {
  const run = async (trx: Knex.Transaction): Promise<PublishPlan> => {
    const { meta } = await mergePublishedMeta(trx, tenant);
    return asTenant(trx, tenant, async (t) => {
      const p = await planSchema(t, meta);
      await applyPlan(t, p, opts);
      await fillOwnerFields(t, meta);
      return shape(p);
    });
  };
  return knex.isTransaction ? run(knex as Knex.Transaction) : knex.transaction(run);
};
