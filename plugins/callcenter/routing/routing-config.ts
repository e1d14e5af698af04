import type { Actor, RecordData, RouteRecords, Tenant } from '../../../core/index.js';
import type { RoutingRule } from './route-rules.js';

/**
 * What routing reads on every offer but rarely changes — the active routing rules (by
 * sequence), the active queues (by priority) and the agents' skill levels — kept per
 * tenant, metadata revision and actor (the rows are read under the actor's scope), so an
 * offer reads only the caller and the free agents.
 *
 * Kept until: the tenant's metadata revision moves (a publish, a plugin installed or
 * upgraded); a rule, queue or skill is written in this process (the plugin's after-hooks
 * call `routingConfigChanged`); or `ROUTING_CONFIG_TTL_MS` has passed, which bounds how long
 * another server process (or a write racing a read here) can leave a stale copy.
 */
export interface RoutingConfig {
  rules: RoutingRule[];
  queues: RecordData[];
  /** skill → agent id → level. */
  skills: Map<string, Map<string, number>>;
}

export const ROUTING_CONFIG_TTL_MS = 5000;
/** Entities whose rows the configuration holds (their writes drop it). */
export const ROUTING_CONFIG_ENTITIES = ['routing_rule', 'call_queue', 'agent_skill'] as const;
const MAX_ENTRIES = 500;

interface Entry {
  revision: number;
  generation: number;
  until: number;
  config: Promise<RoutingConfig>;
}

const entries = new Map<string, Entry>();
/** Bumped by every write of a rule, queue or skill in this process: every cached copy is then old. */
let generation = 0;

export const routingConfigChanged = (): void => {
  generation += 1;
};

const actorKey = (actor: Actor): string => `${actor.id}|${actor.isAdmin ? 'a' : ''}|${[...actor.roles].sort().join(',')}|${actor.team ?? ''}`;

/** Every agent's skills, page by page (a call center has more than one page of them). */
const allSkills = async (records: RouteRecords): Promise<RecordData[]> => {
  const rows: RecordData[] = [];
  let cursor: string | null = null;
  do {
    const page = await records.list('agent_skill', { fields: ['agent', 'skill', 'level'], limit: 500, ...(cursor ? { cursor } : {}) });
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
};

const readConfig = async (records: RouteRecords): Promise<RoutingConfig> => {
  const rules = await records.list('routing_rule', { filter: { '==': [{ var: 'active' }, true] }, sort: 'sequence', limit: 200 });
  const queues = await records.list('call_queue', { filter: { '==': [{ var: 'active' }, true] }, sort: 'priority', limit: 200 });
  const skills = new Map<string, Map<string, number>>();
  for (const s of await allSkills(records)) {
    const levels = skills.get(String(s.skill)) ?? new Map<string, number>();
    levels.set(String(s.agent), Number(s.level));
    skills.set(String(s.skill), levels);
  }
  return { rules: rules.data as unknown as RoutingRule[], queues: queues.data, skills };
};

/** The routing configuration the actor sees in the tenant, from the cache or read once. */
export const routingConfig = (ctx: { tenant: Tenant; actor: Actor; records: RouteRecords }, wall = Date.now()): Promise<RoutingConfig> => {
  const key = `${ctx.tenant.id}|${actorKey(ctx.actor)}`;
  const hit = entries.get(key);
  if (hit && hit.revision === ctx.tenant.metaRevision && hit.generation === generation && hit.until > wall) return hit.config;
  const entry: Entry = { revision: ctx.tenant.metaRevision, generation, until: wall + ROUTING_CONFIG_TTL_MS, config: readConfig(ctx.records) };
  // A failed read (the transaction rolled back) is not kept.
  entry.config.catch(() => entries.get(key) === entry && entries.delete(key));
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return entry.config;
};

/** The queues an agent with these skills serves: those without a skill, and those whose skill they have. */
export const skillsOfAgent = (config: RoutingConfig, agentId: string): Set<string> => new Set([...config.skills].filter(([, levels]) => levels.has(agentId)).map(([skill]) => skill));
