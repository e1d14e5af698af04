import type { Context } from 'koa';
import type { Knex } from 'knex';
import type { TenantGate } from '../db/tenant.js';
import type { TenantRuntime } from '../plugins/index.js';
import type { RecordContext } from '../records/types.js';
import type { AuthContext } from '../security/index.js';
import { openTenantWork } from '../work/index.js';
import { reauthenticate } from './middleware/authenticate.js';

/** `oneStatement`: the service runs exactly one statement (a read of a record or a page), so the transaction can be one round trip. */
export interface TenantWorkOptions {
  oneStatement?: boolean;
  /** An import an admin asked to run without starting workflows. */
  workflows?: boolean;
}

/**
 * Runs a service inside the requester's tenant through core/work's builder (door
 * `http`, or `import`): effective metadata, the plugins' hooks and the workflow triggers,
 * ONE tenant transaction. A remembered sign-in (ctx.state.authGate) is re-checked by the
 * transaction's first statement; when it no longer holds the token is resolved afresh
 * (401 if it has ended) and the service runs once more with the fresh answer.
 */
export const inTenant = async <T>(
  knex: Knex,
  ctx: Context,
  fn: (rctx: RecordContext, runtime: TenantRuntime) => Promise<T>,
  opts: TenantWorkOptions & { door?: 'http' | 'import' | 'action' } = {},
): Promise<T> => {
  const auth = ctx.state.auth as AuthContext;
  const gate = ctx.state.authGate as TenantGate | undefined;
  const recheck = async () => {
    const fresh = await reauthenticate(ctx, knex);
    return { tenant: fresh.tenant, actor: fresh.actor };
  };
  return openTenantWork(
    knex,
    { tenant: auth.tenant, actor: auth.actor, door: opts.door ?? 'http', workflows: opts.workflows, gate, recheck, oneStatement: opts.oneStatement },
    (wctx) => fn(wctx, wctx.runtime),
  );
};

export const authOf = (ctx: Context): AuthContext => ctx.state.auth as AuthContext;
