import { isAppError, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { calleeZone, inCallingWindow } from '../dialer/window.js';
import { dialsToPlace, measureRates, type DialAttempt } from '../dialer/pacing.js';
import { freeAgents, isFree } from '../routing/agents.js';
import { claimFreeAgent } from '../routing/dispatch.js';
import { connectCall, iso } from './call-life.js';
import type { GatewayCommand } from './cti-events.js';
import { onDoNotCallList, settleEntry } from './outbound.js';
import { toE164 } from './phone.js';
import { publishWallboard } from './publish.js';
import { readCallCenterSettings } from './settings.js';

const lostRace = (e: unknown) => isAppError(e) && (e.status === 409 || e.status === 404);
const DUE = (now: number) => ({ or: [{ '!': { var: 'next_attempt_at' } }, { '<=': [{ var: 'next_attempt_at' }, iso(now)] }] });

/**
 * The list's next due entries (highest priority first) for these reps: numbers assigned
 * to one of them come before the unassigned ones. Numbers on the do-not-call list are
 * set `blocked`; numbers outside the calling window on the callee's clock wait.
 */
const dueEntries = async (list: RecordData, reps: string[], ctx: PluginRouteContext, now: number, limit: number): Promise<RecordData[]> => {
  const base = [{ '==': [{ var: 'call_list' }, list.id] }, { in: [{ var: 'status' }, ['pending', 'callback']] }, DUE(now)];
  const read = async (who: unknown) => (await ctx.records.list('call_list_entry', { filter: { and: [...base, who] }, sort: '-priority,next_attempt_at', limit: limit + 10 })).data;
  const rows = [...(reps.length ? await read({ in: [{ var: 'assigned_to' }, reps] }) : []), ...(await read({ '!': { var: 'assigned_to' } }))];
  const from = String(list.window_start ?? '09:00');
  const to = String(list.window_end ?? '20:00');
  const ok: RecordData[] = [];
  for (const entry of rows) {
    const phone = toE164(String(entry.phone)) ?? String(entry.phone);
    if (await onDoNotCallList(phone, ctx)) {
      await ctx.records.update('call_list_entry', String(entry.id), { status: 'blocked' }, { ifMatch: Number(entry.version) }).catch((e) => { if (!lostRace(e)) throw e; });
      continue;
    }
    if (!inCallingWindow(now, calleeZone(phone, entry.time_zone as string | null), from, to)) continue;
    ok.push({ ...entry, phone });
  }
  return ok;
};

/** Takes an entry for a dial (If-Match): null when another dial took it first. */
const takeEntry = async (entry: RecordData, ctx: PluginRouteContext): Promise<RecordData | null> => {
  try {
    return await ctx.records.update('call_list_entry', String(entry.id), { status: 'dialing', attempts: Number(entry.attempts ?? 0) + 1, next_attempt_at: null }, { ifMatch: Number(entry.version) });
  } catch (e) {
    if (lostRace(e)) return null;
    throw e;
  }
};

/** The outbound call record the gateway places (it has no PBX id yet; the heartbeat's dial orders carry it). */
const callFor = (entry: RecordData, list: RecordData, agent: string | null, ctx: PluginRouteContext, now: number) =>
  ctx.records.create('phone_call', { direction: 'outbound', status: 'ringing', dnis: entry.phone, agent, queue: list.queue ?? null, customer: entry.customer ?? null, contact: entry.contact ?? null, call_list_entry: entry.id, offered_at: iso(now) });

/** Progressive: one call per free agent of the list's queue, the agent held (`ringing`) for it; the rep's own numbers first. */
const progressive = async (list: RecordData, agents: RecordData[], taken: Set<string>, ctx: PluginRouteContext, now: number): Promise<number> => {
  let placed = 0;
  for (const agent of agents) {
    if (taken.has(String(agent.id))) continue;
    const owner = agent.owner_id ? [String(agent.owner_id)] : [];
    for (const entry of await dueEntries(list, owner, ctx, now, 1)) {
      const held = await takeEntry(entry, ctx);
      if (!held) continue;
      let rung: RecordData;
      try {
        rung = await ctx.records.update('call_agent', String(agent.id), { state: 'ringing', state_since: iso(now) }, { ifMatch: Number(agent.version) });
      } catch (e) {
        if (!lostRace(e)) throw e;
        await ctx.records.update('call_list_entry', String(entry.id), { status: entry.status, attempts: entry.attempts ?? 0, next_attempt_at: entry.next_attempt_at ?? null });
        break;
      }
      const call = await callFor(entry, list, String(rung.id), ctx, now);
      await ctx.records.update('call_agent', String(rung.id), { current_call: call.id });
      taken.add(String(agent.id));
      placed += 1;
      break;
    }
  }
  return placed;
};

/** The rolling window the dialer measures its answer rate, handle time and abandoned share over. */
export const PACING_WINDOW_MS = 3_600_000;
/** What pacing assumes of handle and answer times before the window holds any. */
export const PACING_PRIORS = { handleSeconds: 180, answerSeconds: 15 };
/** When a dialled call's outcome is known: the gateway gives up ringing after 30 s, plus a few heartbeats before it places the call. */
export const SETTLED_AFTER_MS = 35_000;
const when = (v: unknown): number | null => (v ? Date.parse(String(v)) : null);

/** The list queue's outbound attempts of the rolling window, measured. */
const measured = async (list: RecordData, ctx: PluginRouteContext, now: number) => {
  const { data } = await ctx.records.list('phone_call', {
    filter: { and: [{ '==': [{ var: 'direction' }, 'outbound'] }, { '==': [{ var: 'queue' }, list.queue ?? null] }, { '!!': { var: 'call_list_entry' } }, { '>=': [{ var: 'offered_at' }, iso(now - PACING_WINDOW_MS)] }] },
    fields: ['status', 'outcome', 'offered_at', 'answered_at', 'ended_at', 'talk_seconds', 'wrap_up_seconds'],
    limit: 2000,
  });
  const attempts: DialAttempt[] = data.map((c) => ({
    status: String(c.status),
    outcome: c.outcome as string | null,
    offeredAt: when(c.offered_at) ?? now,
    // A dropped call ended the moment it was answered.
    answeredAt: when(c.answered_at) ?? (c.outcome === 'dropped' ? when(c.ended_at) : null),
    talkSeconds: c.talk_seconds as number | null,
    wrapUpSeconds: c.wrap_up_seconds as number | null,
  }));
  return measureRates(attempts, { answerRate: 1 / Math.max(1, Number(list.dial_ratio ?? 1.5)), ...PACING_PRIORS }, { now, ringMs: SETTLED_AFTER_MS });
};

/** Agents of the queue (with its skill) on a call or in a wrap-up still running. */
const busyAgents = async (skill: string | undefined, ctx: PluginRouteContext, now: number): Promise<number> => {
  const { data } = await ctx.records.list('call_agent', { filter: { in: [{ var: 'state' }, ['on_call', 'wrap_up']] }, fields: ['id', 'state', 'state_since', 'wrap_up_seconds'], limit: 500 });
  const busy = data.filter((a) => !isFree(a, now));
  if (!skill || !busy.length) return busy.length;
  const { data: skilled } = await ctx.records.list('agent_skill', { filter: { and: [{ '==': [{ var: 'skill' }, skill] }, { in: [{ var: 'agent' }, busy.map((a) => a.id)] }] }, fields: ['agent'], limit: 500 });
  return new Set(skilled.map((s) => String(s.agent))).size;
};

/**
 * Predictive: as many calls as the pacing function allows from the rolling window's
 * measured answer rate, handle time and abandoned share, the free and busy agents of the
 * list's queue and its calls still ringing, under the stricter of the list's and the
 * tenant's abandoned-call cap (one call per free agent near the cap). Answered calls meet
 * an agent then, or are dropped.
 */
const predictive = async (list: RecordData, agents: RecordData[], skill: string | undefined, ctx: PluginRouteContext, now: number): Promise<number> => {
  if (!agents.length) return 0;
  // The list's calls still ringing with no agent (the heartbeat places a call for two minutes at most).
  const { total } = await ctx.records.list('phone_call', {
    filter: { and: [{ '==': [{ var: 'direction' }, 'outbound'] }, { '==': [{ var: 'status' }, 'ringing'] }, { '!': { var: 'agent' } }, { '==': [{ var: 'queue' }, list.queue ?? null] }, { '>=': [{ var: 'offered_at' }, iso(now - 120_000)] }] },
    fields: ['id'],
    limit: 1,
    total: true,
  });
  const rates = await measured(list, ctx, now);
  const { abandonCap } = await readCallCenterSettings(ctx.records);
  const cap = Math.min(abandonCap, list.abandon_cap === null || list.abandon_cap === undefined ? abandonCap : Number(list.abandon_cap) / 100);
  const want = dialsToPlace({
    freeAgents: agents.length,
    inFlight: Number(total ?? 0),
    busyAgents: await busyAgents(skill, ctx, now),
    answerRate: rates.answerRate,
    handleSeconds: rates.handleSeconds,
    answerSeconds: rates.answerSeconds,
    answered: rates.answered,
    abandoned: rates.abandoned,
    cap,
  });
  if (!want) return 0;
  let placed = 0;
  for (const entry of await dueEntries(list, agents.map((a) => String(a.owner_id)).filter(Boolean), ctx, now, want)) {
    if (placed >= want) break;
    if (!(await takeEntry(entry, ctx))) continue;
    await callFor(entry, list, null, ctx, now);
    placed += 1;
  }
  return placed;
};

/**
 * The dialer's beat (run by the gateway's heartbeat): for each active progressive or
 * predictive call list, calls for the free agents of its queue. The calls are records
 * the heartbeat's dial orders carry to the PBX.
 */
export const runDialers = async (ctx: PluginRouteContext, now: number): Promise<number> => {
  const { data: lists } = await ctx.records.list('call_list', { filter: { and: [{ '==': [{ var: 'status' }, 'active'] }, { in: [{ var: 'mode' }, ['progressive', 'predictive']] }] }, limit: 50 });
  if (!lists.length) return 0;
  const taken = new Set<string>();
  let placed = 0;
  for (const list of lists) {
    const queue = list.queue ? await ctx.records.get('call_queue', String(list.queue)).catch(() => null) : null;
    const agents = (await freeAgents(ctx.records, now, queue?.skill as string | undefined)).map((c) => c.agent).filter((a) => a.state === 'available' && !taken.has(String(a.id)));
    placed += list.mode === 'progressive' ? await progressive(list, agents, taken, ctx, now) : await predictive(list, agents, queue?.skill as string | undefined, ctx, now);
  }
  if (placed) await publishWallboard(ctx, now, 'dialled');
  return placed;
};

/**
 * A predictive call the callee answered: the queue's best free agent takes it (the
 * gateway bridges), or, with nobody free, it is dropped — an abandoned call the rate
 * counts — and the gateway hangs up.
 */
export const connectPredictive = async (call: RecordData, ctx: PluginRouteContext, now: number): Promise<GatewayCommand[]> => {
  const queue = call.queue ? await ctx.records.get('call_queue', String(call.queue)).catch(() => null) : null;
  const claimed = await claimFreeAgent(ctx.records, queue, now);
  const cti = String(call.cti_call_id);
  if (!claimed) {
    await ctx.records.update('phone_call', String(call.id), { status: 'ended', outcome: 'dropped', ended_at: iso(now) }, { ifMatch: Number(call.version) });
    // The callee is called again after the list's interval, like a call nobody answered.
    await settleEntry(String(call.call_list_entry), 'no_answer', ctx, now);
    await publishWallboard(ctx, now, 'ended');
    return [{ type: 'hangup', ctiCallId: cti }];
  }
  const mine = await ctx.records.update('phone_call', String(call.id), { agent: claimed.agent.id }, { ifMatch: Number(call.version) });
  await ctx.records.update('call_agent', String(claimed.agent.id), { current_call: call.id });
  await connectCall(mine, ctx, now);
  return claimed.agent.extension ? [{ type: 'bridge', ctiCallId: cti, extension: String(claimed.agent.extension) }] : [];
};
