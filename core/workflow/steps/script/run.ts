import { problem } from '../../../errors.js';
import type { ScriptLimits } from '../../../sandbox/index.js';
import { defineStep } from '../../types.js';
import { recordsOf } from '../need-record.js';
import { recordHost } from './record-host.js';
import { schema } from './schema.js';
import { maskSecretValues } from '../../../security/index.js';

/** The names a script reads with `crm.secret('NAME')` (string literals only). */
export const secretNamesIn = (code: string): string[] => [...new Set([...code.matchAll(/\bcrm\.secret\(\s*(['"`])([A-Za-z][A-Za-z0-9_]{0,63})\1\s*\)/g)].map((m) => m[2]!))];

/**
 * Runs a user script in the sandbox (never in this process); its record calls share the
 * step's transaction. The step's output is what the script returns; its CPU and wall time
 * and host calls go to the journal beside it (`measures`), not into `$steps`.
 */
export const scriptStep = defineStep({
  type: 'script',
  kind: 'tx',
  schema,
  /** The vault secrets the script names as literals (`crm.secret('NAME')`), read before the transaction. */
  prepare: (step, ctx) => ctx.lookup.vaultSecrets(secretNamesIn(step.code as string)),
  async run(step, ctx) {
    if (!ctx.services.sandbox) throw problem('SANDBOX_UNAVAILABLE');
    const secrets = (ctx.prepared ?? {}) as Record<string, string>;
    const mask = <T>(v: T): T => maskSecretValues(v, Object.values(secrets));
    const result = await ctx.services.sandbox.run({
      tenantId: ctx.tenant.id,
      code: step.code as string,
      input: ctx.data,
      host: recordHost(recordsOf(ctx), secrets),
      limits: step.limits as ScriptLimits | undefined,
    });
    const measures = { cpuMs: result.cpuMs, wallMs: result.wallMs, hostCalls: result.hostCalls };
    // A secret the script read never reaches the journal, the run's outputs or a log line.
    if (!result.ok) throw problem(result.error.code.startsWith('SCRIPT') ? result.error.code : `SCRIPT_${result.error.code}`, { reason: mask(result.error.message) }, { measures });
    return { output: mask(result.value ?? null), measures };
  },
});
