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

/**
 * Agents free at `now` (a wrap-up past its timer counts), with the queue's skill levels when
 * it needs one. With `best` (a queue without a skill, ranked by `order`: `idle_since` or
 * `calls_offered,idle_since`) only the first `best` available agents in that order are
 * read, in SQL, plus every agent in wrap-up — not every free agent each offer.
 */
export const freeAgents = async (records: RouteRecords, now: number, skill?: string | null, best?: { limit: number; order: string }): Promise<{ agent: RecordData; level: number }[]> => {
  let data: RecordData[];
  if (!skill && best) {
    const [available, wrapUp] = await Promise.all([
      records.list('call_agent', { filter: { '==': [{ var: 'state' }, 'available'] }, sort: best.order, fields: AGENT_FIELDS, limit: best.limit }),
      records.list('call_agent', { filter: { '==': [{ var: 'state' }, 'wrap_up'] }, fields: AGENT_FIELDS, limit: 500 }),
    ]);
    data = [...available.data, ...wrapUp.data];
  } else data = (await records.list('call_agent', { filter: { in: [{ var: 'state' }, ['available', 'wrap_up']] }, fields: AGENT_FIELDS, limit: 500 })).data;
  const free = data.filter((a) => isFree(a, now));
  if (!skill) return free.map((agent) => ({ agent, level: 0 }));
  const { data: skills } = await records.list('agent_skill', { filter: { '==': [{ var: 'skill' }, skill] }, limit: 500 });
  const levels = new Map(skills.map((s) => [String(s.agent), Number(s.level)]));
  return free.filter((a) => levels.has(String(a.id))).map((agent) => ({ agent, level: levels.get(String(agent.id))! }));
};

/** Skills an agent has (skill → level). */
export const skillsOf = async (records: RouteRecords, agentId: string): Promise<Map<string, number>> => {
  const { data } = await records.list('agent_skill', { filter: { '==': [{ var: 'agent' }, agentId] }, limit: 100 });
  return new Map(data.map((s) => [String(s.skill), Number(s.level)]));
};
