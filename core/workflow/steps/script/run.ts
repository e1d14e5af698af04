import { problem } from '../../../errors.js';
import type { ScriptLimits } from '../../../sandbox/index.js';
import { defineStep } from '../../types.js';
import { recordsOf } from '../need-record.js';
import { recordHost } from './record-host.js';
import { schema } from './schema.js';

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
    if (!ctx.services.sandbox) throw problem('SANDBOX_UNAVAILABLE');
    const result = await ctx.services.sandbox.run({
      tenantId: ctx.tenant.id,
      code: step.code as string,
      input: ctx.data,
      host: recordHost(recordsOf(ctx)),
      limits: step.limits as ScriptLimits | undefined,
    });
    const measures = { cpuMs: result.cpuMs, wallMs: result.wallMs, hostCalls: result.hostCalls };
    if (!result.ok) throw problem(result.error.code.startsWith('SCRIPT') ? result.error.code : `SCRIPT_${result.error.code}`, { reason: result.error.message }, { measures });
    return { output: result.value ?? null, measures };
  },
});
