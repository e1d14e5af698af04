import type { Knex } from 'knex';
import { TenantGateClosed, withTenant, type Tenant, type TenantGate } from '../db/tenant.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import type { EffectiveMeta } from '../metadata/types.js';
import type { TenantRuntime } from '../plugins/index.js';
import type { Actor, Door, RecordContext } from '../records/types.js';
import { withChangeWebhooks } from '../webhooks/index.js';
import { hooksForDoor } from '../workflow/index.js';
import { runtimeOf } from './runtime-cache.js';

/** Who works in which tenant, and how the work came in. */
export interface TenantWork {
  tenant: Tenant;
  actor: Actor;
  door: Door;
  /** false: writes start no workflow runs; only an `import` may ask (an admin's explicit choice). */
  workflows?: boolean;
  /**
   * A remembered sign-in's check: the transaction's first statement verifies it still
   * holds. When it does not, `recheck` resolves the sign-in afresh (throwing 401 when it
   * has ended) and the work runs once more as the fresh answer says.
   */
  gate?: TenantGate;
  recheck?: () => Promise<{ tenant: Tenant; actor: Actor }>;
  /** The work runs exactly one statement (a read): on the pg pool BEGIN, set-up, statement and COMMIT travel together. */
  oneStatement?: boolean;
}

/** The record service's context, with the tenant, its plugin runtime and the door. */
export interface WorkContext extends RecordContext {
  tenant: Tenant;
  runtime: TenantRuntime;
  door: Door;
}

/** What a unit of work needs besides its transaction: metadata, plugin runtime, hooks. */
export interface PreparedWork {
  meta: EffectiveMeta;
  runtime: TenantRuntime;
  context(db: Knex.Transaction): WorkContext;
}

/**
 * Prepares tenant work: the effective metadata (cached per revision), the tenant's plugin
 * runtime (cached per revision) and the record hooks of its door, decided in one place
 * (hooksForDoor): every door fires the plugins' hooks, the change webhooks and the workflow
 * triggers.
 */
export const prepareTenantWork = async (knex: Knex, work: Omit<TenantWork, 'gate' | 'recheck' | 'oneStatement'>): Promise<PreparedWork> => {
  const [meta, runtime] = await Promise.all([loadEffectiveMeta(knex, work.tenant), runtimeOf(knex, work.tenant)]);
  const hooks = hooksForDoor({ door: work.door, tenantId: work.tenant.id, pluginHooks: withChangeWebhooks(work.tenant.id, runtime.hooks), workflows: work.workflows });
  return {
    meta,
    runtime,
    context: (db) => ({ db, meta, actor: work.actor, hooks, door: work.door, tenant: work.tenant, runtime }),
  };
};

const runOnce = async <T>(knex: Knex, work: TenantWork, fn: (ctx: WorkContext) => Promise<T>, gate?: TenantGate): Promise<T> => {
  const prepared = await prepareTenantWork(knex, work);
  return withTenant(knex, work.tenant, (db) => fn(prepared.context(db)), { gate, oneStatement: work.oneStatement });
};

/**
 * Opens tenant work for an actor: the one way every door (HTTP, command line, plugin
 * routes and actions, imports, schedules) enters a tenant to read or write records. ONE
 * tenant transaction, the record context with the door's hooks, and — for a remembered
 * sign-in — the gate retry.
 */
export const openTenantWork = async <T>(knex: Knex, work: TenantWork, fn: (ctx: WorkContext) => Promise<T>): Promise<T> => {
  if (work.gate) {
    try {
      return await runOnce(knex, work, fn, work.gate);
    } catch (e) {
      if (!(e instanceof TenantGateClosed) || !work.recheck) throw e;
    }
    const fresh = await work.recheck();
    return runOnce(knex, { ...work, ...fresh, gate: undefined }, fn);
  }
  return runOnce(knex, work, fn);
};
