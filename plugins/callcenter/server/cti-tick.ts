import { invalidInput, isAppError, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { freeAgents } from '../routing/agents.js';
import { offerCall } from '../routing/dispatch.js';
import { queueOrder, queuePosition } from '../routing/strategies.js';
import type { GatewayCommand } from './cti-events.js';
import { runDialers } from './dialer-loop.js';
import { announceOffer, publishWallboard } from './publish.js';
import { readCallCenterSettings, type CallCenterSettings } from './settings.js';

/** A waiting caller's place, for the gateway to announce. */
export interface Announcement {
  ctiCallId: string;
  position: number;
  estimatedWaitSeconds: number;
}
/** An outbound call an agent asked for (click-to-dial) that the PBX has not placed yet. */
export interface DialOrder {
  call: string;
  to: string;
  from: string;
  extension: string | null;
  /** A call-list call: answering machines are detected (and never reach an agent). */
  detectMachine: boolean;
}
export interface TickAnswer {
  commands: GatewayCommand[];
  announcements: Announcement[];
  dials: DialOrder[];
  overflowed: number;
  /** Calls the progressive and predictive dialers placed in this beat. */
  dialled: number;
  offered: number;
  /** Demo traffic the simulator should make now (asked for from the wallboard), or null. */
  traffic: CallCenterSettings['simulation'];
}

/** Seconds a call takes, for the wait estimate, when there is no history. */
const HANDLE_SECONDS = 180;
const BUSY = ['available', 'ringing', 'on_call', 'wrap_up'];

export const parseTick = (body: unknown): string[] => {
  const live = (body as { live?: unknown } | null)?.live ?? [];
  if (!Array.isArray(live) || live.length > 500 || live.some((x) => typeof x !== 'string')) throw invalidInput('The live calls are not valid', [{ field: 'live', message: 'must be a list of at most 500 call ids', code: 'FORMAT' }]);
  return live as string[];
};

const ms = (v: unknown) => Date.parse(String(v));
const isLostRace = (e: unknown) => isAppError(e) && (e.status === 409 || e.status === 404);

/** Calls that waited past their queue's overflow time move, once, to its overflow queue. */
const overflow = async (waiting: RecordData[], queues: Map<string, RecordData>, ctx: PluginRouteContext, now: number): Promise<number> => {
  let moved = 0;
  for (const call of waiting) {
    const queue = queues.get(String(call.queue));
    if (!queue || call.overflowed_from || !queue.overflow_queue || queue.overflow_after === null || queue.overflow_after === undefined) continue;
    if (now - ms(call.offered_at) < Number(queue.overflow_after) * 1000 || !queues.has(String(queue.overflow_queue))) continue;
    try {
      Object.assign(call, await ctx.records.update('phone_call', String(call.id), { queue: queue.overflow_queue, overflowed_from: queue.id }, { ifMatch: Number(call.version) }));
      moved += 1;
    } catch (e) {
      if (!isLostRace(e)) throw e;
    }
  }
  return moved;
};

/**
 * The gateway's heartbeat: overflow for calls that waited too long, waiting calls offered
 * to agents who came free (a wrap-up timer that ran out), each waiting caller's place and
 * wait, and what the PBX should do for the calls it holds (`live`): ring the agent a call
 * went to, hang up a call the agent ended on the console, place the calls agents dialled.
 */
export const tick = async (live: string[], ctx: PluginRouteContext, now = Date.now()): Promise<TickAnswer> => {
  const { data: queueRows } = await ctx.records.list('call_queue', { filter: { '==': [{ var: 'active' }, true] }, limit: 200 });
  const queues = new Map(queueRows.map((q) => [String(q.id), q]));
  const { data: waiting } = await ctx.records.list('phone_call', { filter: { '==': [{ var: 'status' }, 'queued'] }, sort: 'offered_at', limit: 500 });
  const overflowed = await overflow(waiting, queues, ctx, now);

  const commands: GatewayCommand[] = [];
  const stillWaiting: RecordData[] = [];
  let offered = 0;
  let free = waiting.length ? (await freeAgents(ctx.records, now)).length : 0;
  const rows = new Map(waiting.map((c) => [String(c.id), c]));
  for (const { id } of queueOrder(waiting.map((c) => ({ id: String(c.id), priority: Number(c.priority ?? 0), offeredAt: ms(c.offered_at) })))) {
    const call = rows.get(id)!;
    const offer = free > 0 ? await offerCall(ctx.records, call, queues.get(String(call.queue)) ?? null, now) : null;
    if (!offer) {
      stillWaiting.push(call);
      continue;
    }
    free -= 1;
    offered += 1;
    await announceOffer(offer, ctx);
  }

  const announcements: Announcement[] = [];
  const liveSet = new Set(live);
  if (stillWaiting.some((c) => liveSet.has(String(c.cti_call_id)))) {
    const { data: staffed } = await ctx.records.list('call_agent', { filter: { in: [{ var: 'state' }, BUSY] }, fields: ['id'], limit: 500 });
    const order = stillWaiting.map((c) => ({ id: String(c.id), priority: Number(c.priority ?? 0), offeredAt: ms(c.offered_at), queue: String(c.queue), cti: String(c.cti_call_id) }));
    for (const c of order) {
      if (!liveSet.has(c.cti)) continue;
      const { position, estimatedWaitSeconds } = queuePosition(c, order.filter((o) => o.queue === c.queue), HANDLE_SECONDS, staffed.length);
      announcements.push({ ctiCallId: c.cti, position, estimatedWaitSeconds });
    }
  }

  if (live.length) {
    const { data: known } = await ctx.records.list('phone_call', { filter: { in: [{ var: 'cti_call_id' }, live] }, fields: ['id', 'status', 'direction', 'cti_call_id', 'agent', 'agent.extension'], limit: 500 });
    for (const call of known) {
      if (call.status === 'ended') commands.push({ type: 'hangup', ctiCallId: String(call.cti_call_id) });
      // An outbound call rings its agent once the callee answers (the gateway bridges it then).
      if (call.status === 'ringing' && call.direction !== 'outbound' && call['agent.extension']) commands.push({ type: 'bridge', ctiCallId: String(call.cti_call_id), extension: String(call['agent.extension']) });
    }
  }

  // The progressive and predictive dialers place their calls now; the dial orders below carry them.
  const dialled = await runDialers(ctx, now);
  const dials: DialOrder[] = [];
  const { data: asked } = await ctx.records.list('phone_call', {
    filter: { and: [{ '==': [{ var: 'direction' }, 'outbound'] }, { '==': [{ var: 'status' }, 'ringing'] }, { '!': { var: 'cti_call_id' } }, { '>=': [{ var: 'offered_at' }, new Date(now - 120_000).toISOString()] }] },
    fields: ['id', 'dnis', 'agent.extension', 'call_list_entry'],
    limit: 100,
  });
  const settings = await readCallCenterSettings(ctx.records, now);
  if (asked.length) {
    for (const call of asked) dials.push({ call: String(call.id), to: String(call.dnis), from: settings.callerId ?? '', extension: call['agent.extension'] ? String(call['agent.extension']) : null, detectMachine: !!call.call_list_entry });
  }
  if (overflowed || offered) await publishWallboard(ctx, now, 'tick');
  return { commands, announcements, dials, overflowed, offered, dialled, traffic: settings.simulation };
};

/** The PBX placed a dialled call: its id joins the call record, so the call's events find it. */
export const placed = async (callId: string, body: unknown, ctx: PluginRouteContext) => {
  const cti = (body as { ctiCallId?: unknown } | null)?.ctiCallId;
  if (typeof cti !== 'string' || !cti) throw invalidInput('The PBX call id is missing', [{ field: 'ctiCallId', message: 'is required', code: 'REQUIRED' }]);
  return ctx.records.update('phone_call', callId, { cti_call_id: cti });
};
