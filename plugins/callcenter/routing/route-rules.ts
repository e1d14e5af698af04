import { ruleAccepts, type RecordData } from '../../../core/index.js';

/** A routing rule as stored (entity `routing_rule`). */
export interface RoutingRule {
  id: string;
  name: string;
  sequence: number;
  condition: unknown;
  queue?: string | null;
  to_account_manager?: boolean;
  priority?: number;
  active?: boolean;
}

/** What the rules know of a caller: their CRM records and how many service cases they have open. */
export interface CallerFacts {
  ani: string;
  dnis: string;
  known: boolean;
  customer: RecordData | null;
  contact: RecordData | null;
  lead: RecordData | null;
  open_cases: number;
}

export interface RouteChoice {
  rule?: string;
  queue?: string;
  priority: number;
  /** The customer's account manager (a user id), when a rule sends the call to them. */
  accountManager?: string;
}

/** The first active rule (by sequence) whose condition holds for the caller decides the queue; else the default queue. */
export const chooseRoute = (rules: readonly RoutingRule[], facts: CallerFacts, defaultQueue?: string): RouteChoice => {
  const ordered = rules.filter((r) => r.active !== false).sort((a, b) => a.sequence - b.sequence);
  for (const rule of ordered) {
    if (!ruleAccepts(rule.condition as never, facts as unknown as Record<string, unknown>)) continue;
    const owner = facts.customer?.owner_id ? String(facts.customer.owner_id) : undefined;
    return { rule: rule.name, queue: rule.queue ?? defaultQueue, priority: rule.priority ?? 0, accountManager: rule.to_account_manager ? owner : undefined };
  }
  return { queue: defaultQueue, priority: 0 };
};
