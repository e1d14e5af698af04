import type { RecordData, RouteRecords } from '../../../core/index.js';

/** States in which an agent takes no call. */
export type AgentState = 'available' | 'ringing' | 'on_call' | 'wrap_up' | 'break' | 'offline';

const ms = (v: unknown): number => (v ? Date.parse(String(v)) : 0);

/** Whether the agent can be offered a call at `now`: available, or in wrap-up whose timer has run out. */
export const isFree = (agent: RecordData, now: number): boolean =>
  agent.state === 'available' || (agent.state === 'wrap_up' && ms(agent.state_since) + Number(agent.wrap_up_seconds ?? 0) * 1000 <= now);

/** When the agent became free: idle_since, or the end of their wrap-up timer. */
export const freeSince = (agent: RecordData): number =>
  agent.state === 'wrap_up' ? ms(agent.state_since) + Number(agent.wrap_up_seconds ?? 0) * 1000 : ms(agent.idle_since ?? agent.state_since);

const AGENT_FIELDS = ['id', 'state', 'state_since', 'idle_since', 'wrap_up_seconds', 'calls_offered', 'version', 'owner_id', 'extension', 'name'];

/** The agents free at `now` as a filter: available, or in wrap-up whose timer (its end is their `idle_since`) has run out. */
export const freeFilter = (now: number) => ({
  or: [{ '==': [{ var: 'state' }, 'available'] }, { and: [{ '==': [{ var: 'state' }, 'wrap_up'] }, { '<=': [{ var: 'idle_since' }, new Date(now).toISOString()] }] }],
});

export interface FreeAgentsOptions {
  /** Only the first `limit` free agents in the queue's `order` (`idle_since`, or `calls_offered,idle_since`). */
  best?: { limit: number; order: string };
  /** The skill's levels (agent id → level), when already known; else read. */
  levels?: Map<string, number>;
  /** Only the agent phones of this user (an account manager). */
  owner?: string;
}

/**
 * Agents free at `now` (a wrap-up past its timer counts), with the queue's skill levels when
 * it needs one: one statement (the free ones, only those with the skill, only one user's,
 * at most `best.limit` in the queue's order), then checked again in memory.
 */
export const freeAgents = async (records: RouteRecords, now: number, skill?: string | null, opts: FreeAgentsOptions = {}): Promise<{ agent: RecordData; level: number }[]> => {
  let levels = skill ? opts.levels : undefined;
  if (skill && !levels) {
    const { data: skills } = await records.list('agent_skill', { filter: { '==': [{ var: 'skill' }, skill] }, limit: 500 });
    levels = new Map(skills.map((s) => [String(s.agent), Number(s.level)]));
  }
  if (levels && !levels.size) return [];
  const parts: unknown[] = [freeFilter(now)];
  if (levels) parts.push({ in: [{ var: 'id' }, [...levels.keys()]] });
  if (opts.owner) parts.push({ '==': [{ var: 'owner_id' }, opts.owner] });
  const best = skill ? undefined : opts.best;
  const { data } = await records.list('call_agent', { filter: { and: parts }, fields: AGENT_FIELDS, sort: best?.order ?? 'idle_since', limit: best?.limit ?? 500 });
  const free = data.filter((a) => isFree(a, now));
  if (!levels) return free.map((agent) => ({ agent, level: 0 }));
  const known = levels;
  return free.filter((a) => known.has(String(a.id))).map((agent) => ({ agent, level: known.get(String(agent.id))! }));
};

/** The end of an agent's wrap-up (their `idle_since` while in it): when they entered it plus their wrap-up time. */
export const wrapUpEnd = (stateSince: unknown, wrapUpSeconds: unknown, now: number): string => new Date((stateSince ? Date.parse(String(stateSince)) : now) + Number(wrapUpSeconds ?? 0) * 1000).toISOString();

/** Skills an agent has (skill → level). */
export const skillsOf = async (records: RouteRecords, agentId: string): Promise<Map<string, number>> => {
  const { data } = await records.list('agent_skill', { filter: { '==': [{ var: 'agent' }, agentId] }, limit: 100 });
  return new Map(data.map((s) => [String(s.skill), Number(s.level)]));
};
