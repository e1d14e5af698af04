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

/** Agents free at `now` (a wrap-up past its timer counts), with the queue's skill levels when it needs one. */
export const freeAgents = async (records: RouteRecords, now: number, skill?: string | null): Promise<{ agent: RecordData; level: number }[]> => {
  const { data } = await records.list('call_agent', { filter: { in: [{ var: 'state' }, ['available', 'wrap_up']] }, limit: 500 });
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
