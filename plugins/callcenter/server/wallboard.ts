import type { RecordData, RouteRecords } from '../../../core/index.js';
import { isFree } from '../routing/agents.js';

export interface Wallboard {
  waiting: number;
  longestWaitSeconds: number;
  agents: Record<string, number>;
  today: { offered: number; answered: number; abandoned: number; withinServiceLevel: number; serviceLevel: number | null; abandonRate: number | null; averageWaitSeconds: number | null };
  /** Today's calls that ended in the IVR: served there, or hung up there; containment = served in the IVR ÷ every inbound call. */
  ivr: { selfService: number; abandoned: number; containmentRate: number | null };
}

const IVR = ['self_service', 'abandoned_in_ivr'];

const STATES = ['available', 'ringing', 'on_call', 'wrap_up', 'break', 'offline'];
const TODAY = { '==': [{ days_between: [{ var: 'offered_at' }, { var: '$today' }] }, 0] };

/**
 * The live figures of the call center as `records` may see them: calls waiting and the
 * longest wait, agents by state (a wrap-up past its timer counts as available), and
 * today's (tenant zone) offered, answered and abandoned calls with the service level, and
 * the calls the IVR handled alone (containment) or lost.
 */
export const wallboard = async (records: RouteRecords, now: number): Promise<Wallboard> => {
  const { data: waiting } = await records.list('phone_call', { filter: { '==': [{ var: 'status' }, 'queued'] }, fields: ['id', 'offered_at'], sort: 'offered_at', limit: 500, total: true });
  const { data: agents } = await records.list('call_agent', { fields: ['id', 'state', 'state_since', 'wrap_up_seconds'], limit: 500 });
  const byState = Object.fromEntries(STATES.map((s) => [s, 0]));
  for (const a of agents as RecordData[]) byState[isFree(a, now) ? 'available' : String(a.state)] += 1;
  const answer = await records.aggregate({
    entity: 'phone_call',
    filter: { and: [TODAY, { '==': [{ var: 'direction' }, 'inbound'] }, { '==': [{ var: 'status' }, 'ended'] }] },
    groupBy: ['outcome', 'in_service_level'],
    measures: [
      { name: 'calls', aggregate: 'count' },
      { name: 'wait', aggregate: 'sum', field: 'wait_seconds' },
    ],
  } as never);
  let offered = 0, answered = 0, abandoned = 0, within = 0, wait = 0, selfService = 0, leftInIvr = 0;
  for (const row of answer.rows) {
    const n = Number(row.calls ?? 0);
    if (row.outcome === 'self_service') selfService += n;
    if (row.outcome === 'abandoned_in_ivr') leftInIvr += n;
    // Offered to the agents' queues: calls that left the IVR for a queue.
    if (IVR.includes(String(row.outcome))) continue;
    offered += n;
    wait += Number(row.wait ?? 0);
    if (row.outcome === 'answered') answered += n;
    if (row.outcome === 'abandoned') abandoned += n;
    if (row.outcome === 'answered' && row.in_service_level === true) within += n;
  }
  const oldest = waiting[0]?.offered_at ? Date.parse(String(waiting[0].offered_at)) : now;
  return {
    waiting: waiting.length,
    longestWaitSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
    agents: byState,
    today: {
      offered,
      answered,
      abandoned,
      withinServiceLevel: within,
      serviceLevel: offered ? Math.round((within / offered) * 1000) / 10 : null,
      abandonRate: offered ? Math.round((abandoned / offered) * 1000) / 10 : null,
      averageWaitSeconds: offered ? Math.round(wait / offered) : null,
    },
    ivr: { selfService, abandoned: leftInIvr, containmentRate: offered + selfService + leftInIvr ? Math.round((selfService / (offered + selfService + leftInIvr)) * 1000) / 10 : null },
  };
};
