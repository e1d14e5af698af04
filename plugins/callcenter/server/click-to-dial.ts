import { invalidInput, problem, type PluginRouteContext } from '../../../core/index.js';
import { myAgent } from './agent-console.js';
import { iso } from './call-life.js';
import { lookupCaller } from './lookup-caller.js';
import { onDoNotCallList } from './outbound.js';
import { toE164 } from './phone.js';
import { publishWallboard } from './publish.js';

/**
 * Click-to-dial from a phone field: the signed-in agent calls the number. Refused (409,
 * nothing changed) when they have no phone or the number is on the do-not-call list.
 * The call record is linked to the record dialled from (when the agent may read it and
 * it holds the number) or to the first record with the number; the gateway places it.
 */
export const clickToDial = async (body: Record<string, unknown>, ctx: PluginRouteContext, now = Date.now()) => {
  const typed = typeof body.phone === 'string' ? body.phone.trim() : '';
  const phone = typed ? (toE164(typed) ?? null) : null;
  if (!phone) throw invalidInput('The number cannot be dialled', [{ field: 'phone', message: typed ? 'is not a phone number' : 'is required', code: typed ? 'FORMAT' : 'REQUIRED' }]);
  const agent = await myAgent(ctx);
  if (!agent) throw problem('CALLCENTER_NO_AGENT', {});
  if (['ringing', 'on_call'].includes(String(agent.state))) throw problem('CALLCENTER_BUSY', {});
  if (await onDoNotCallList(phone, ctx)) throw problem('CALLCENTER_DO_NOT_CALL', { phone });
  const matches = await lookupCaller(phone, ctx.records, ctx.meta);
  const from = matches.find((m) => m.entity === body.entity && m.id === body.id) ?? matches[0];
  const link = (entity: string) => (from?.entity === entity ? from.id : null);
  const call = await ctx.records.create('phone_call', {
    direction: 'outbound',
    status: 'ringing',
    dnis: phone,
    agent: agent.id,
    customer: link('customer') ?? from?.customer ?? null,
    contact: link('contact'),
    lead: link('lead'),
    offered_at: iso(now),
  });
  await ctx.records.update('call_agent', String(agent.id), { current_call: call.id });
  await publishWallboard(ctx, now, 'dialled');
  return { call };
};
