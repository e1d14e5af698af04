import { isAppError, type RecordData, type RouteRecords } from '../../../core/index.js';
import { freeAgents, freeSince, skillsOf } from './agents.js';
import { skillsOfAgent, type RoutingConfig } from './routing-config.js';
import { queueOrder, rankAgents, type QueueStrategy } from './strategies.js';

/**
 * Offering calls to agents, durably and once: a waiting call is a `phone_call` row in
 * status `queued`, and an offer is two conditional updates (If-Match on the version, the
 * rows locked) — the agent first, then the call, always in that order so two offers never
 * wait on each other in a circle. A lost race is a 409 that moves on to the next agent or call.
 */

const lostRace = (e: unknown): boolean => isAppError(e) && e.status === 409;
/** A waiting call another agent took is out of an agent's scope (no longer queued): 404 is a lost race too. */
const callGone = (e: unknown): boolean => lostRace(e) || (isAppError(e) && e.status === 404);
const iso = (t: number) => new Date(t).toISOString();

/** Claims a free agent for a call: `ringing`, the call noted, one more call offered. Null when another offer took the agent first. */
const claimAgent = async (records: RouteRecords, agent: RecordData, callId: string | null, now: number): Promise<RecordData | null> => {
  try {
    return await records.update(
      'call_agent',
      String(agent.id),
      { state: 'ringing', state_since: iso(now), idle_since: iso(freeSince(agent) || now), current_call: callId, calls_offered: Number(agent.calls_offered ?? 0) + 1 },
      { ifMatch: Number(agent.version) },
    );
  } catch (e) {
    if (lostRace(e)) return null;
    throw e;
  }
};

/** Claims a waiting call for an agent. Null when the call is no longer waiting at this version. */
const claimCall = async (records: RouteRecords, call: RecordData, agentId: string): Promise<RecordData | null> => {
  try {
    return await records.update('phone_call', String(call.id), { status: 'ringing', agent: agentId }, { ifMatch: Number(call.version) });
  } catch (e) {
    if (callGone(e)) return null;
    throw e;
  }
};

/** Gives a claimed agent back when the call went elsewhere. */
const releaseAgent = (records: RouteRecords, agent: RecordData, before: RecordData) =>
  records.update('call_agent', String(agent.id), { state: before.state, state_since: before.state_since, current_call: null, calls_offered: before.calls_offered });

/**
 * Agents an offer in this process is claiming right now (id → until when): the next
 * offer tries another agent instead of waiting on the same row lock until the first
 * commits and then losing. Only a hint — the conditional update decides — so it simply
 * runs out after a moment.
 */
const claiming = new Map<string, number>();
/** How many of the best available agents an offer reads (enough for the offers racing it in this process). */
const CANDIDATES = 25;
const CLAIM_HINT_MS = 2000;
const hinted = (id: string, now: number): boolean => {
  const until = claiming.get(id);
  if (until === undefined) return false;
  if (until > now) return true;
  claiming.delete(id);
  return false;
};

/** Who a claim may go to: only one user's agent phones (an account manager), with the skill levels already known. */
export interface ClaimOptions {
  owner?: string;
  config?: RoutingConfig;
}

/**
 * Claims the queue's best free agent (in the queue's order, or only `owner`'s agent phones)
 * for a call not written yet: the agent is `ringing` with no call noted; the caller writes
 * the call and then notes it on the agent (whose row it holds locked). Null when nobody
 * free could be claimed.
 */
export const claimFreeAgent = async (records: RouteRecords, queue: RecordData | null, now: number, opts: ClaimOptions = {}): Promise<{ agent: RecordData; before: RecordData } | null> => {
  const strategy = (queue?.strategy as QueueStrategy) ?? 'longest_idle';
  const skill = (queue?.skill as string | undefined) ?? null;
  // The few best available agents by the queue's order, read in SQL (not for a skill, nor for one person's phone).
  const best = !opts.owner && strategy !== 'skill' ? { limit: CANDIDATES, order: strategy === 'even' ? 'calls_offered,idle_since' : 'idle_since' } : undefined;
  const levels = skill && opts.config ? (opts.config.skills.get(skill) ?? new Map<string, number>()) : undefined;
  const free = await freeAgents(records, now, skill, { best, levels, owner: opts.owner });
  const byId = new Map(free.map((c) => [String(c.agent.id), c]));
  const ranked = rankAgents(strategy, free.map((c) => ({ id: String(c.agent.id), callsOffered: Number(c.agent.calls_offered ?? 0), idleSince: freeSince(c.agent), level: c.level })));
  const wall = Date.now();
  // Agents other offers here are claiming go last, not out: they may be the only ones.
  const order = [...ranked.filter((c) => !hinted(c.id, wall)), ...ranked.filter((c) => hinted(c.id, wall))];
  for (const candidate of order) {
    claiming.set(candidate.id, wall + CLAIM_HINT_MS);
    const before = byId.get(candidate.id)!.agent;
    const agent = await claimAgent(records, before, null, now);
    if (agent) return { agent, before };
  }
  return null;
};

export interface Offer {
  call: RecordData;
  agent: RecordData;
}

/**
 * Offers one waiting call to the queue's free agents in the queue's order (or only to
 * `onlyAgents`, e.g. the account manager's phone). Null when nobody free could take it.
 */
export const offerCall = async (records: RouteRecords, call: RecordData, queue: RecordData | null, now: number, onlyAgents?: (a: RecordData) => boolean): Promise<Offer | null> => {
  const free = (await freeAgents(records, now, queue?.skill as string | undefined)).filter((c) => !onlyAgents || onlyAgents(c.agent));
  const byId = new Map(free.map((c) => [String(c.agent.id), c]));
  const ranked = rankAgents((queue?.strategy as QueueStrategy) ?? 'longest_idle', free.map((c) => ({ id: String(c.agent.id), callsOffered: Number(c.agent.calls_offered ?? 0), idleSince: freeSince(c.agent), level: c.level })));
  for (const candidate of ranked) {
    const before = byId.get(candidate.id)!.agent;
    const agent = await claimAgent(records, before, String(call.id), now);
    if (!agent) continue;
    const claimed = await claimCall(records, call, candidate.id);
    if (claimed) return { call: claimed, agent };
    await releaseAgent(records, agent, before);
    return null;
  }
  return null;
};

/**
 * An agent who just became free takes the next waiting call of the queues they serve (a
 * queue without a skill, or one whose skill they have): the highest priority, then the
 * longest waiting. `agent` is already locked by the caller's update of its state.
 */
export const serveNextCall = async (records: RouteRecords, agent: RecordData, now: number, config?: RoutingConfig): Promise<Offer | null> => {
  const skills = config ? skillsOfAgent(config, String(agent.id)) : await skillsOf(records, String(agent.id));
  const queues = config?.queues ?? (await records.list('call_queue', { filter: { '==': [{ var: 'active' }, true] }, limit: 200 })).data;
  const served = new Set(queues.filter((q) => !q.skill || skills.has(String(q.skill))).map((q) => String(q.id)));
  const { data: waiting } = await records.list('phone_call', { filter: { '==': [{ var: 'status' }, 'queued'] }, sort: 'offered_at', limit: 500 });
  const mine = waiting.filter((c) => !c.queue || served.has(String(c.queue)));
  const ordered = queueOrder(mine.map((c) => ({ ...c, id: String(c.id), priority: Number(c.priority ?? 0), offeredAt: Date.parse(String(c.offered_at)) })));
  for (const call of ordered) {
    const claimed = await claimCall(records, call, String(agent.id));
    if (!claimed) continue;
    const rung = await records.update('call_agent', String(agent.id), { state: 'ringing', state_since: iso(now), current_call: claimed.id, calls_offered: Number(agent.calls_offered ?? 0) + 1 });
    return { call: claimed, agent: rung };
  }
  return null;
};
