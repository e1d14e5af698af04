import type { Context } from 'koa';
import type { Knex } from 'knex';
import { TenantGateClosed, withTenant, type TenantGate } from '../db/tenant.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import type { Tenant } from '../db/tenant.js';
import { loadTenantRuntime, type TenantRuntime } from '../plugins/index.js';
import type { RecordContext } from '../records/types.js';
import type { AuthContext } from '../security/index.js';
import { reauthenticate } from './middleware/authenticate.js';
import { composeHooks, workflowHooks } from '../workflow/triggers/record-hooks.js';

const runtimes = new Map<string, { revision: number; runtime: Promise<TenantRuntime> }>();

/** The tenant's plugin runtime (hooks, actions, routes), cached per metadata revision (plugin changes bump it). */
export const runtimeOf = (knex: Knex, tenant: Tenant): Promise<TenantRuntime> => {
  const hit = runtimes.get(tenant.id);
  if (hit && hit.revision === tenant.metaRevision) return hit.runtime;
  const runtime = loadTenantRuntime(knex, tenant);
  runtimes.set(tenant.id, { revision: tenant.metaRevision, runtime });
  runtime.catch(() => runtimes.delete(tenant.id));
  return runtime;
};

/** `oneStatement`: the service runs exactly one statement (a read of a record or a page), so the transaction can be one round trip. */
export interface TenantWorkOptions {
  oneStatement?: boolean;
}

const runInTenant = async <T>(knex: Knex, ctx: Context, fn: (rctx: RecordContext, runtime: TenantRuntime) => Promise<T>, opts: TenantWorkOptions, gate?: TenantGate): Promise<T> => {
  const auth = ctx.state.auth as AuthContext;
  const [meta, runtime] = await Promise.all([loadEffectiveMeta(knex, auth.tenant), runtimeOf(knex, auth.tenant)]);
  const hooks = composeHooks(runtime.hooks, workflowHooks({ tenantId: auth.tenant.id, depth: 0 }));
  const work = (db: Knex.Transaction): Promise<T> => fn({ db, meta, actor: auth.actor, hooks }, runtime);
  return withTenant(knex, auth.tenant, work, { gate, oneStatement: opts.oneStatement });
};

/**
 * Runs a service inside the requester's tenant: effective metadata (cached per
 * revision), the tenant's plugin hooks followed by the workflow triggers (a person's
 * write is depth 0), and ONE tenant transaction. A remembered authentication
 * (ctx.state.authGate) is re-checked by the transaction's first statement, in the same
 * round trip as BEGIN; when it no longer holds (signed out, revoked, deactivated, roles
 * or metadata changed) the token is resolved afresh (401 if it has ended) and the
 * service runs once more with the fresh answer.
 */
export const inTenant = async <T>(
  knex: Knex,
  ctx: Context,
  fn: (rctx: RecordContext, runtime: TenantRuntime) => Promise<T>,
  opts: TenantWorkOptions = {},
): Promise<T> => {
  const gate = ctx.state.authGate as TenantGate | undefined;
  if (gate) {
    try {
      return await runInTenant(knex, ctx, fn, opts, gate);
    } catch (e) {
      if (!(e instanceof TenantGateClosed)) throw e;
    }
    await reauthenticate(ctx, knex);
  }
  return runInTenant(knex, ctx, fn, opts);
};

export const authOf = (ctx: Context): AuthContext => ctx.state.auth as AuthContext;
