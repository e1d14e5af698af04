import { createHmac } from 'node:crypto';
import { problem } from '../../../errors.js';
import { defineStep, type StepContext } from '../../types.js';
import { renderTemplate } from '../render-template.js';
import { evaluateValues } from '../values.js';
import { safeRequest } from './safe-request.js';
import { schema } from './schema.js';
import { maskSecretValues } from '../../../security/index.js';
import { MASKED_SECRET } from '../../secrets/workflow-secrets.js';

/** `{{secret.NAME}}`: a vault secret in the address or a header value. */
const SECRET_PLACEHOLDER = /\{\{\s*secret\.([A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;
const secretNamesOf = (texts: string[]): string[] => [...new Set(texts.flatMap((t) => [...String(t).matchAll(SECRET_PLACEHOLDER)].map((m) => m[1]!)))];

/** The name of the tenant secret outbound webhooks are signed with (GET /api/workflows/signing-secret shows it). */
export const OUTBOUND_SECRET = 'outbound-webhook';

const recordOf = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('$')));

const payloadOf = (step: Record<string, unknown>, ctx: StepContext) =>
  step.body ? evaluateValues(step.body as Record<string, unknown>, ctx.data) : { workflow: ctx.workflow.name, run: ctx.run.id, trigger: ctx.run.trigger, record: recordOf(ctx.data), payload: ctx.run.input.payload ?? null };

/**
 * Calls a webhook: public targets only (every redirect checked) unless CRM_WEBHOOK_ALLOW
 * lists them; a non-2xx answer fails the step, which the queue retries with backoff.
 */
export const webhookStep = defineStep({
  type: 'webhook',
  kind: 'effect',
  schema,
  async run(step, ctx) {
    const given = (step.headers as Record<string, string> | undefined) ?? {};
    const names = secretNamesOf([step.url as string, ...Object.values(given)]);
    // A dry run names the vault's secrets without reading them.
    const vault = ctx.dryRun ? Object.fromEntries(names.map((n) => [n, MASKED_SECRET])) : await ctx.lookup.vaultSecrets(names);
    const hide = <T>(v: T): T => maskSecretValues(v, ctx.dryRun ? [] : Object.values(vault));
    const url = renderTemplate(step.url as string, { ...ctx.data, secret: vault });
    const method = (step.method as string | undefined) ?? 'POST';
    const body = method === 'GET' ? undefined : JSON.stringify(payloadOf(step, ctx));
    if (ctx.dryRun) return { output: { wouldCall: { method, url, body: body && JSON.parse(body) } } };
    const secret = await ctx.lookup.secret(OUTBOUND_SECRET);
    const headers: Record<string, string> = {
      ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.replace(SECRET_PLACEHOLDER, (_, n: string) => vault[n] ?? '')])),
      'user-agent': 'crm-workflow',
      'x-idempotency-key': ctx.idempotencyKey,
      'x-signature': `sha256=${createHmac('sha256', secret).update(body ?? '').digest('hex')}`,
      ...(body !== undefined && { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
    };
    const res = await safeRequest(url, { method, headers, body }, { allow: ctx.services.webhookAllow ?? [], timeoutMs: ((step.timeoutSeconds as number | undefined) ?? 10) * 1000 }).catch((e: unknown) => {
      if (e instanceof Error) e.message = hide(e.message);
      throw e;
    });
    if (res.status < 200 || res.status >= 300) throw problem('WEBHOOK_FAILED', { status: res.status }, { status: res.status });
    // The journal keeps the answer; a vault secret in the address or echoed back reads masked.
    return { output: hide({ status: res.status, url: res.url, response: res.body.slice(0, 1000) }) };
  },
});
