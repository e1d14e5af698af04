import type PgBoss from 'pg-boss';
import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { isAppError } from '../errors.js';
import type { JobWork } from '../plugins/plugin-api.js';
import type { Actor, RecordContext } from '../records/types.js';
import { actorOfUser } from '../security/index.js';
import { enqueueJob, type JobQueue } from '../workflow/index.js';
import type { RunEnv } from '../workflow/runner/run-env.js';
import { openTenantWork } from './open-tenant-work.js';
import { runtimeOf } from './runtime-cache.js';

/** The queue of plugins' background jobs (ctx.enqueue in a plugin route). */
export const PLUGIN_JOB_QUEUE = 'crm-plugin-job';

/** Queues a plugin's job in the caller's tenant transaction, to run as `actorId` once it commits. */
export const enqueuePluginJob = (db: Knex.Transaction, tenant: Tenant, plugin: string, job: string, actorId: string, data: Record<string, unknown>): Promise<void> =>
  enqueueJob(db, tenant.id, PLUGIN_JOB_QUEUE, [{ plugin, job, actor: actorId, data }]);

const USER_ID = /^[0-9a-f-]{36}$/i;

/**
 * Queues a plugin's job from record work (a record hook, a workflow step's write, a seed), in
 * its transaction: kept only if that commits. The job runs as the work's actor: a stored user
 * as that user; an unrestricted actor who is not a user (a workflow, the schedule, the command
 * line) as an unrestricted actor of the same name. Long work belongs in such a job, not in a
 * hook: the writer's transaction stays short.
 */
export const queuePluginJob = async (ctx: RecordContext, plugin: string, job: string, data: Record<string, unknown>): Promise<void> => {
  if (!ctx.tenant) throw new Error('queuePluginJob needs tenant work (a record context with its tenant)');
  const system = ctx.actor.isAdmin && !USER_ID.test(ctx.actor.id) ? { system: ctx.actor.name } : {};
  await enqueueJob(ctx.db, ctx.tenant.id, PLUGIN_JOB_QUEUE, [{ plugin, job, actor: ctx.actor.id, ...system, data }]);
};

/**
 * The job's work, each `run` its own tenant transaction with the plugin hooks: as the user who
 * queued it (gone or inactive: nothing runs), or, for a job queued by the system (`systemName`),
 * as an unrestricted actor of that name.
 */
export const jobWork = async (knex: Knex, tenant: Tenant, actorId: string, systemName?: string): Promise<JobWork | undefined> => {
  if (systemName !== undefined && !USER_ID.test(actorId)) {
    const system: Actor = { id: actorId, name: systemName, roles: [], team: null, isAdmin: true };
    return { actor: system, run: (fn) => openTenantWork(knex, { tenant, actor: system, door: 'schedule' }, (ctx) => fn(ctx)) };
  }
  let actor;
  try {
    actor = await actorOfUser({ tenantId: tenant.id, id: actorId }, { knex });
  } catch (e) {
    if (isAppError(e) && e.status === 404) return undefined;
    throw e;
  }
  if (!actor.active) return undefined;
  return { actor, run: (fn) => openTenantWork(knex, { tenant, actor, door: 'schedule' }, (ctx) => fn(ctx)) };
};

type JobData = { t: string; plugin?: unknown; job?: unknown; actor?: unknown; system?: unknown; data?: unknown };

/** Runs one queued plugin job; a job whose tenant, plugin, job or user is gone is dropped. */
export const runPluginJob = async (job: PgBoss.JobWithMetadata<JobData>, env: RunEnv): Promise<unknown> => {
  const tenant = await env.tenants.tenant(job.data.t);
  if (!tenant) return { gone: 'tenant' };
  const def = (await runtimeOf(env.knex, tenant)).job(String(job.data.plugin), String(job.data.job));
  if (!def) return { gone: 'job' };
  const work = await jobWork(env.knex, tenant, String(job.data.actor), typeof job.data.system === 'string' ? job.data.system : undefined);
  if (!work) return { gone: 'actor' };
  await def.run((job.data.data ?? {}) as Record<string, unknown>, work);
  return { done: true };
};

/** The plugin-job queue a worker serves: a job may read for minutes (mining); a failure is retried twice. */
export const pluginJobQueue = (): JobQueue => ({
  name: PLUGIN_JOB_QUEUE,
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInSeconds: 1800,
  concurrency: 1,
  handle: runPluginJob as JobQueue['handle'],
});
