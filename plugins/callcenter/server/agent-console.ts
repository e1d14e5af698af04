import { invalidInput, problem, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { serveNextCall } from '../routing/dispatch.js';
import { routingConfig } from '../routing/routing-config.js';
import { announceOffer, publishWallboard } from './publish.js';
import { lookupCaller } from './lookup-caller.js';
import { connectCall, iso, seconds, wrapUp } from './call-life.js';
import { saveCallActivity } from './call-activity.js';
import { settleEntry } from './outbound.js';

const SETTABLE = ['available', 'break', 'offline'] as const;

/** The signed-in user's agent record (their phone), if they have one. */
export const myAgent = async (ctx: PluginRouteContext): Promise<RecordData | null> => {
  const { data } = await ctx.records.list('call_agent', { filter: { and: [{ '==': [{ var: 'owner_id' }, ctx.actor.id] }, { '!': { var: 'simulated' } }] }, limit: 1 });
  return data[0] ?? null;
};

const requireAgent = async (ctx: PluginRouteContext): Promise<RecordData> => {
  const agent = await myAgent(ctx);
  if (!agent) throw problem('CALLCENTER_NO_AGENT', {});
  return agent;
};

/** Signs the user in to a phone: their agent record, made on first sign-in with the extension given. */
export const signIn = async (body: Record<string, unknown>, ctx: PluginRouteContext): Promise<RecordData> => {
  const existing = await myAgent(ctx);
  if (existing) return existing;
  const extension = typeof body.extension === 'string' ? body.extension.trim() : '';
  if (!/^\d{3,8}$/.test(extension)) throw invalidInput('The extension is not valid', [{ field: 'extension', message: 'must match the pattern ^\\d{3,8}$', code: 'PATTERN' }]);
  return ctx.records.create('call_agent', { name: ctx.actor.name, extension, state: 'offline', state_since: iso(Date.now()) });
};

/** Available, on a break or offline; becoming available takes the next waiting call at once. */
export const setState = async (body: Record<string, unknown>, ctx: PluginRouteContext, now = Date.now()) => {
  const state = body.state as (typeof SETTABLE)[number];
  if (!SETTABLE.includes(state)) throw invalidInput('The state is not valid', [{ field: 'state', message: `${String(body.state)} is not one of: ${SETTABLE.join(', ')}`, code: 'ENUM' }]);
  const agent = await requireAgent(ctx);
  if (['ringing', 'on_call'].includes(String(agent.state))) throw problem('CALLCENTER_BUSY', {});
  let updated = await ctx.records.update('call_agent', String(agent.id), { state, state_since: iso(now), ...(state === 'available' && { idle_since: iso(now) }), current_call: null }, { ifMatch: Number(agent.version) });
  let call: RecordData | null = null;
  if (state === 'available') {
    const offer = await serveNextCall(ctx.records, updated, now, await routingConfig(ctx));
    if (offer) {
      await announceOffer(offer, ctx);
      ({ agent: updated, call } = offer);
    }
  }
  await publishWallboard(ctx, now, 'agent_state');
  return { agent: updated, call };
};

const myCall = async (id: string, agent: RecordData, ctx: PluginRouteContext, status: string[]): Promise<RecordData> => {
  const call = await ctx.records.get('phone_call', id);
  if (String(call.agent) !== String(agent.id)) throw problem('CALLCENTER_NOT_YOUR_CALL', { call: String(call.code ?? id) });
  if (!status.includes(String(call.status))) throw problem('CALLCENTER_CALL_STATE', { call: String(call.code ?? id), status: String(call.status) });
  return call;
};

/**
 * The screen pop: the caller's contacts, customers and leads found by number as THIS
 * agent may read them (their record scope), or a new-contact form filled with the number.
 */
export const screenPop = async (id: string, ctx: PluginRouteContext) => {
  const call = await ctx.records.get('phone_call', id);
  const matches = call.ani ? await lookupCaller(String(call.ani), ctx.records, ctx.meta) : [];
  return { call, matches, newContact: matches.length ? null : { entity: 'contact', values: { mobile: call.ani } } };
};

export const answer = async (id: string, ctx: PluginRouteContext, now = Date.now()) => {
  const agent = await requireAgent(ctx);
  return connectCall(await myCall(id, agent, ctx, ['ringing']), ctx, now);
};

/**
 * Hangs up with the disposition and notes: the call ends, the agent goes into wrap-up (its
 * timer makes them free again). After the caller hung up first (the call already ended) it
 * saves the disposition and notes of the wrap-up. The notes become a phone activity on the
 * caller's customer.
 */
export const hangUp = async (id: string, body: Record<string, unknown>, ctx: PluginRouteContext, now = Date.now()) => {
  const agent = await requireAgent(ctx);
  const call = await myCall(id, agent, ctx, ['connected', 'ended']);
  const live = call.status === 'connected';
  const patch: RecordData = live ? { status: 'ended', outcome: call.outcome ?? 'answered', ended_at: iso(now), talk_seconds: seconds(call.answered_at, now), wrap_up_seconds: Number(agent.wrap_up_seconds ?? 0) } : {};
  if (typeof body.disposition === 'string') patch.disposition = body.disposition;
  if (typeof body.notes === 'string') patch.notes = body.notes;
  let ended = await ctx.records.update('phone_call', id, patch, { ifMatch: Number(call.version) });
  const activity = await saveCallActivity(ended, ctx, now);
  if (activity && activity !== ended.activity) ended = await ctx.records.update('phone_call', id, { activity });
  if (live) {
    // A call list's number reached: its entry is done.
    if (call.call_list_entry) await settleEntry(String(call.call_list_entry), 'answered', ctx, now);
    await wrapUp(String(agent.id), ctx, now);
    await publishWallboard(ctx, now, 'ended');
  }
  return ended;
};
