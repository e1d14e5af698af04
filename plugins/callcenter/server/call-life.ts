import type { PluginRouteContext, RecordData } from '../../../core/index.js';
import { serveNextCall, type Offer } from '../routing/dispatch.js';
import { routingConfig } from '../routing/routing-config.js';
import { announceCallChange, announceOffer, publishWallboard } from './publish.js';

/** How a call's life moves on, whoever tells it (the agent's console or the telephony system). */
export const iso = (t: number) => new Date(t).toISOString();
export const seconds = (from: unknown, to: number) => (from ? Math.max(0, Math.round((to - Date.parse(String(from))) / 1000)) : 0);

/** A ringing call is answered by its agent: connected, the wait and the service level noted, the agent on the call. */
export const connectCall = async (call: RecordData, ctx: PluginRouteContext, now: number): Promise<RecordData> => {
  const wait = seconds(call.offered_at, now);
  const queue = call.queue ? await ctx.records.get('call_queue', String(call.queue)) : null;
  const level = Number(queue?.service_level_seconds ?? 20);
  const inbound = call.direction !== 'outbound';
  const answered = await ctx.records.update(
    'phone_call',
    String(call.id),
    { status: 'connected', answered_at: iso(now), ...(inbound && { wait_seconds: wait, in_service_level: wait <= level }) },
    { ifMatch: Number(call.version) },
  );
  if (call.agent) await announceCallChange(await ctx.records.update('call_agent', String(call.agent), { state: 'on_call', state_since: iso(now) }), answered, ctx);
  await publishWallboard(ctx, now, 'answered');
  return answered;
};

/** The agent of a call that ended: into wrap-up (its timer frees them). */
export const wrapUp = async (agentId: string, ctx: PluginRouteContext, now: number) =>
  ctx.records.update('call_agent', agentId, { state: 'wrap_up', state_since: iso(now), current_call: null });

/** An agent whose ringing call went away is free again, and takes the next waiting call at once. */
export const freeAgent = async (agentId: string, gone: RecordData, ctx: PluginRouteContext, now: number): Promise<Offer | null> => {
  const agent = await ctx.records.update('call_agent', agentId, { state: 'available', state_since: iso(now), current_call: null });
  await announceCallChange(agent, gone, ctx);
  const offer = await serveNextCall(ctx.records, agent, now, await routingConfig(ctx));
  if (offer) await announceOffer(offer, ctx);
  return offer;
};
