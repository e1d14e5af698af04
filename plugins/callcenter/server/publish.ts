import type { PluginRouteContext } from '../../../core/index.js';
import type { Offer } from '../routing/dispatch.js';

/** Rings the agent's console: a live event to the agent's user with the call (the console then asks for the screen pop). */
export const announceOffer = async (offer: Offer, ctx: Pick<PluginRouteContext, 'publish'>): Promise<void> => {
  const user = offer.agent.owner_id ? String(offer.agent.owner_id) : null;
  if (!user) return;
  const { call } = offer;
  await ctx.publish({
    topic: 'callcenter.offered',
    audience: { user },
    data: { call: call.id, code: call.code, ani: call.ani, dnis: call.dnis, direction: call.direction, queue: call.queue ?? null, agent: offer.agent.id },
  });
};

/**
 * Tells the wallboards something changed (a call came, was answered or ended; an agent's
 * state moved): each refetches GET /wallboard under its own read scope, so the figures a
 * watcher sees are never wider than what they may read.
 */
export const publishWallboard = async (ctx: Pick<PluginRouteContext, 'publish'>, now: number, reason: string): Promise<void> => {
  for (const role of ['call_center_manager', 'call_team_leader']) await ctx.publish({ topic: 'callcenter.wallboard', audience: { role }, data: { reason, at: new Date(now).toISOString() } });
};

/** Tells the agent's console their call moved on (answered on the phone, the caller hung up): it refetches the call. */
export const announceCallChange = async (agent: { owner_id?: unknown } | null, call: { id?: unknown; status?: unknown }, ctx: Pick<PluginRouteContext, 'publish'>): Promise<void> => {
  if (!agent?.owner_id) return;
  await ctx.publish({ topic: 'callcenter.call', audience: { user: String(agent.owner_id) }, data: { call: call.id, status: call.status } });
};
