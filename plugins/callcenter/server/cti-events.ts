import { invalidInput, isAppError, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import type { CtiEvent, HangupCause, Prompt } from '../cti/contract.js';
import { connectCall, freeAgent, iso, seconds, wrapUp } from './call-life.js';
import { connectPredictive } from './dialer-loop.js';
import { settleEntry } from './outbound.js';
import { announceCallChange, publishWallboard } from './publish.js';
import { readCallCenterSettings } from './settings.js';

/** What the telephony gateway is asked to do on the PBX after an event or a tick. */
export type GatewayCommand =
  | { type: 'bridge'; ctiCallId: string; extension: string }
  | { type: 'hangup'; ctiCallId: string }
  | { type: 'play'; ctiCallId: string; prompt: Prompt };

const EVENT_TYPES = ['offered', 'ringing', 'answered', 'held', 'transferred', 'dtmf', 'hungup', 'recording_available', 'machine_detected'];

export const parseCtiEvent = (body: unknown): CtiEvent => {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors = [];
  if (typeof b.type !== 'string' || !EVENT_TYPES.includes(b.type)) errors.push({ field: 'type', message: `must be one of: ${EVENT_TYPES.join(', ')}`, code: 'ENUM' });
  if (typeof b.callId !== 'string' || !b.callId) errors.push({ field: 'callId', message: 'is required', code: 'REQUIRED' });
  if (errors.length) throw invalidInput('The telephony event is not valid', errors);
  return b as unknown as CtiEvent;
};

/** The call record the telephony system knows by its own id. */
export const callByCtiId = async (ctiCallId: string, ctx: PluginRouteContext): Promise<RecordData | null> =>
  (await ctx.records.list('phone_call', { filter: { '==': [{ var: 'cti_call_id' }, ctiCallId] }, sort: '-offered_at', limit: 1 })).data[0] ?? null;

const OUTBOUND_OUTCOME: Partial<Record<HangupCause, string>> = { busy: 'busy', no_answer: 'no_answer', machine: 'machine', rejected: 'busy', failed: 'no_answer' };

/** The line went down: a waiting or ringing caller abandoned, a connected call ended (the agent into wrap-up), an outbound attempt failed. */
const hungUp = async (call: RecordData, event: Extract<CtiEvent, { type: 'hungup' }>, ctx: PluginRouteContext, now: number): Promise<GatewayCommand[]> => {
  const id = String(call.id);
  const version = { ifMatch: Number(call.version) };
  const commands: GatewayCommand[] = [];
  if (call.status === 'ended') return commands;
  if (call.status === 'connected') {
    const ended = await ctx.records.update('phone_call', id, { status: 'ended', outcome: call.outcome ?? 'answered', ended_at: iso(now), talk_seconds: seconds(call.answered_at, now) }, version);
    if (call.agent) await announceCallChange(await wrapUp(String(call.agent), ctx, now), ended, ctx);
    if (call.direction === 'outbound' && call.call_list_entry) await settleEntry(String(call.call_list_entry), 'answered', ctx, now);
  } else if (call.direction === 'outbound') {
    const ended = await ctx.records.update('phone_call', id, { status: 'ended', outcome: call.outcome === 'machine' ? 'machine' : (OUTBOUND_OUTCOME[event.cause] ?? 'no_answer'), ended_at: iso(now) }, version);
    // An agent the dialer held for the call (`ringing`) is free again.
    const agent = call.agent ? await ctx.records.get('call_agent', String(call.agent)) : null;
    if (agent) await announceCallChange(await ctx.records.update('call_agent', String(agent.id), { current_call: null, ...(agent.state === 'ringing' && { state: 'available', state_since: iso(now) }) }), ended, ctx);
    if (call.call_list_entry) await settleEntry(String(call.call_list_entry), String(ended.outcome), ctx, now);
  } else {
    const ended = await ctx.records.update('phone_call', id, { status: 'ended', outcome: 'abandoned', ended_at: iso(now), wait_seconds: seconds(call.offered_at, now) }, version);
    if (call.status === 'ringing' && call.agent) {
      const offer = await freeAgent(String(call.agent), ended, ctx, now);
      if (offer?.call.cti_call_id && offer.agent.extension) commands.push({ type: 'bridge', ctiCallId: String(offer.call.cti_call_id), extension: String(offer.agent.extension) });
    }
  }
  await publishWallboard(ctx, now, 'ended');
  return commands;
};

/**
 * An answering machine picked up a dialled call: the call is marked `machine` (retried
 * like an unanswered one, never counted as abandoned, never given to an agent) and the PBX
 * hangs up, after the call list's recorded message when the list says to leave one.
 */
const machineAnswered = async (call: RecordData, ctx: PluginRouteContext): Promise<GatewayCommand[]> => {
  // No If-Match: the PBX must hang up on the machine whatever else moved the record meanwhile.
  await ctx.records.update('phone_call', String(call.id), { outcome: 'machine' });
  const cti = String(call.cti_call_id);
  const entry = call.call_list_entry ? await ctx.records.get('call_list_entry', String(call.call_list_entry)).catch(() => null) : null;
  const list = entry?.call_list ? await ctx.records.get('call_list', String(entry.call_list)).catch(() => null) : null;
  const message = typeof list?.machine_message === 'string' ? list.machine_message.trim() : '';
  const { ivrLocale } = await readCallCenterSettings(ctx.records);
  return [...(list?.machine_action === 'leave_message' && message ? [{ type: 'play' as const, ctiCallId: cti, prompt: { text: message, locale: ivrLocale } }] : []), { type: 'hangup', ctiCallId: cti }];
};

/**
 * An event from the telephony gateway about a call it handed over (or placed): the call
 * record follows it. Events about calls the center never saw (an IVR-only call) are
 * ignored. Answers the commands the PBX should carry out next.
 */
export const receiveCtiEvent = async (event: CtiEvent, ctx: PluginRouteContext, now = Date.now()): Promise<{ call: string | null; commands: GatewayCommand[] }> => {
  const call = await callByCtiId(event.callId, ctx);
  if (!call) return { call: null, commands: [] };
  const id = String(call.id);
  let commands: GatewayCommand[] = [];
  try {
    if (event.type === 'answered' && event.by !== 'system' && call.status === 'ringing') {
      // A predictive call has no agent until someone answers it.
      if (call.direction === 'outbound' && !call.agent && call.call_list_entry) commands = await connectPredictive(call, ctx, now);
      else await connectCall(call, ctx, now);
    }
    else if (event.type === 'hungup') commands = await hungUp(call, event, ctx, now);
    else if (event.type === 'recording_available') await ctx.records.update('phone_call', id, { recording_url: event.url });
    else if (event.type === 'transferred') await ctx.records.update('phone_call', id, { transferred: true });
    else if (event.type === 'machine_detected' && call.direction === 'outbound' && call.status === 'ringing') commands = await machineAnswered(call, ctx);
  } catch (e) {
    // The agent's console moved the same call a moment earlier (answer, hang-up): theirs stands.
    if (!(isAppError(e) && e.status === 409)) throw e;
  }
  return { call: id, commands };
};
