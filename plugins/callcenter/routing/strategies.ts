/** A queue's way of choosing among free agents. */
export type QueueStrategy = 'even' | 'longest_idle' | 'skill';

/** A free agent as routing sees them. */
export interface Candidate {
  id: string;
  /** Calls offered to the agent so far (even distribution evens these out). */
  callsOffered: number;
  /** When the agent last became free (ms since epoch). */
  idleSince: number;
  /** The agent's level in the queue's skill (0: no level needed). */
  level: number;
}

const byIdle = (a: Candidate, b: Candidate) => a.idleSince - b.idleSince || a.id.localeCompare(b.id);

/**
 * The order in which free agents are offered a call: `even` the fewest calls offered
 * first, `longest_idle` the longest free first, `skill` the best level first; ties go to
 * whoever has been free longest.
 */
export const rankAgents = (strategy: QueueStrategy, candidates: readonly Candidate[]): Candidate[] => {
  const ranked = [...candidates];
  if (strategy === 'even') return ranked.sort((a, b) => a.callsOffered - b.callsOffered || byIdle(a, b));
  if (strategy === 'skill') return ranked.sort((a, b) => b.level - a.level || byIdle(a, b));
  return ranked.sort(byIdle);
};

/** A waiting call as the queue orders them. */
export interface WaitingCall {
  id: string;
  priority: number;
  offeredAt: number;
}

/** Waiting calls in the order they are served: higher priority first, then who waited longest. */
export const queueOrder = <T extends WaitingCall>(calls: readonly T[]): T[] =>
  [...calls].sort((a, b) => b.priority - a.priority || a.offeredAt - b.offeredAt || a.id.localeCompare(b.id));

/** Where a waiting call is on its queue (1 = next), and a wait estimate from the average handle time and free-ing agents. */
export const queuePosition = (call: WaitingCall, waiting: readonly WaitingCall[], avgHandleSeconds: number, staffedAgents: number): { position: number; estimatedWaitSeconds: number } => {
  const position = queueOrder(waiting).findIndex((c) => c.id === call.id) + 1;
  const perCall = avgHandleSeconds / Math.max(1, staffedAgents);
  return { position, estimatedWaitSeconds: Math.round(Math.max(0, position - 1) * perCall + perCall / 2) };
};
