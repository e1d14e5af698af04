import { AppError } from '../../../errors.js';
import type { ScriptLimits } from '../../../sandbox/index.js';
import { defineStep } from '../../types.js';
import { recordsOf } from '../need-record.js';
import { recordHost } from './record-host.js';
import { schema } from './schema.js';

/** Failures a retry may mend (the sandbox restarting, the tenant's quota); the rest fail the run at once. */
const TRANSIENT = new Set(['SANDBOX_CRASHED', 'QUOTA']);

/**
 * Runs a user script in the sandbox (never in this process); its record calls share the
 * step's transaction. The step's output is what the script returns; its CPU and wall time
 * and host calls go to the journal beside it (`measures`), not into `$steps`.
 */
export const scriptStep = defineStep({
  type: 'script',
  kind: 'tx',
  schema,
  async run(step, ctx) {
    if (!ctx.services.sandbox) throw new AppError('SANDBOX_UNAVAILABLE', 503, 'Scripts cannot run here: no sandbox');
    const result = await ctx.services.sandbox.run({
      tenantId: ctx.tenant.id,
      code: step.code as string,
      input: ctx.data,
      host: recordHost(recordsOf(ctx)),
      limits: step.limits as ScriptLimits | undefined,
    });
    const measures = { cpuMs: result.cpuMs, wallMs: result.wallMs, hostCalls: result.hostCalls };
    if (!result.ok) throw new AppError(result.error.code.startsWith('SCRIPT') ? result.error.code : `SCRIPT_${result.error.code}`, TRANSIENT.has(result.error.code) ? 503 : 422, `Script failed: ${result.error.message}`, { measures });
    return { output: result.value ?? null, measures };
  },
});
