import { isAppError, problem, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { calleeZone, inCallingWindow, localTime } from '../dialer/window.js';
import { toE164 } from './phone.js';
import { publishWallboard } from './publish.js';
import { myAgent } from './agent-console.js';

const iso = (t: number) => new Date(t).toISOString();
const DUE = (now: number) => ({ or: [{ '!': { var: 'next_attempt_at' } }, { '<=': [{ var: 'next_attempt_at' }, iso(now)] }] });

/** Whether a number is on the do-not-call list today (an entry without `until`, or until today or later). */
export const onDoNotCallList = async (phone: string, ctx: PluginRouteContext): Promise<boolean> => {
  const filter = { and: [{ '==': [{ var: 'phone' }, phone] }, { or: [{ '!': { var: 'until' } }, { '>=': [{ var: 'until' }, { var: '$today' }] }] }] };
  return (await ctx.records.list('do_not_call', { filter, limit: 1 })).data.length > 0;
};

/** Preview dialing: the list's next due entry (highest priority first) among those assigned to the caller or to nobody, held for the agent while they look at it. */
export const nextEntry = async (listId: string, ctx: PluginRouteContext, now = Date.now()): Promise<{ entry: RecordData | null }> => {
  // Numbers assigned to a rep are theirs alone (telesales); unassigned ones go to whoever works the list.
  const mine = { or: [{ '==': [{ var: 'assigned_to' }, ctx.actor.id] }, { '!': { var: 'assigned_to' } }] };
  const filter = { and: [{ '==': [{ var: 'call_list' }, listId] }, { in: [{ var: 'status' }, ['pending', 'callback']] }, DUE(now), mine] };
  const { data } = await ctx.records.list('call_list_entry', { filter, sort: '-priority,next_attempt_at', limit: 20 });
  for (const entry of data) {
    try {
      return { entry: await ctx.records.update('call_list_entry', String(entry.id), { status: 'dialing' }, { ifMatch: Number(entry.version) }) };
    } catch (e) {
      if (!(isAppError(e) && e.status === 409)) throw e;
    }
  }
  return { entry: null };
};

/**
 * Dials an entry: refused (409, nothing dialled or changed) when the number is on the
 * do-not-call list at this moment, or when it is outside the list's calling window on
 * the callee's clock. Otherwise an outbound call record for the agent; the telephony
 * system places the call.
 */
export const dialEntry = async (entryId: string, ctx: PluginRouteContext, now = Date.now()): Promise<{ call: RecordData; entry: RecordData }> => {
  const entry = await ctx.records.get('call_list_entry', entryId);
  const list = await ctx.records.get('call_list', String(entry.call_list));
  const phone = toE164(String(entry.phone)) ?? String(entry.phone);
  if (await onDoNotCallList(phone, ctx)) throw problem('CALLCENTER_DO_NOT_CALL', { phone }, { entry: entryId });
  const zone = calleeZone(phone, entry.time_zone as string | null);
  const from = String(list.window_start ?? '09:00');
  const to = String(list.window_end ?? '20:00');
  if (!inCallingWindow(now, zone, from, to)) throw problem('CALLCENTER_OUTSIDE_WINDOW', { local: localTime(now, zone), from, to });
  const agent = await myAgent(ctx);
  const call = await ctx.records.create('phone_call', {
    direction: 'outbound',
    status: 'ringing',
    ani: null,
    dnis: phone,
    agent: agent?.id ?? null,
    queue: list.queue ?? null,
    customer: entry.customer ?? null,
    contact: entry.contact ?? null,
    call_list_entry: entryId,
    offered_at: iso(now),
  });
  const dialled = await ctx.records.update('call_list_entry', entryId, { status: 'dialing', attempts: Number(entry.attempts ?? 0) + 1, next_attempt_at: null });
  await publishWallboard(ctx, now, 'dialled');
  return { call, entry: dialled };
};

const RETRY = ['no_answer', 'busy', 'machine'];

/** A call list entry after an attempt: done, tried again after the list's interval (until its most attempts, then failed), or a callback due at `callbackAt`. */
export const settleEntry = async (entryId: string, outcome: string, ctx: PluginRouteContext, now: number, callbackAt?: string): Promise<RecordData> => {
  const current = await ctx.records.get('call_list_entry', entryId);
  const list = await ctx.records.get('call_list', String(current.call_list));
  const attempts = Number(current.attempts ?? 0);
  const next: RecordData =
    outcome === 'callback'
      ? { status: 'callback', next_attempt_at: String(callbackAt) }
      : RETRY.includes(outcome) && attempts < Number(list.max_attempts ?? 3)
        ? { status: 'pending', next_attempt_at: iso(now + Number(list.retry_minutes ?? 60) * 60_000) }
        : { status: RETRY.includes(outcome) ? 'failed' : 'done' };
  return ctx.records.update('call_list_entry', entryId, next);
};
const OUTCOMES = [...RETRY, 'answered', 'callback', 'dropped'];

/**
 * The end of an outbound attempt: answered → done; no answer, busy or a machine → tried
 * again after the list's retry interval until its most attempts; a callback → due at the
 * time agreed. A "do not call" disposition puts the number on the list.
 */
export const recordOutcome = async (callId: string, body: Record<string, unknown>, ctx: PluginRouteContext, now = Date.now()) => {
  const outcome = String(body.outcome ?? '');
  if (!OUTCOMES.includes(outcome)) throw problem('CALLCENTER_CALL_STATE', { call: callId, status: outcome || '—' });
  const call = await ctx.records.get('phone_call', callId);
  const patch: RecordData = { status: 'ended', outcome, ended_at: iso(now) };
  if (typeof body.disposition === 'string') patch.disposition = body.disposition;
  if (typeof body.notes === 'string') patch.notes = body.notes;
  if (outcome === 'callback') patch.callback_at = String(body.callbackAt);
  const ended = await ctx.records.update('phone_call', callId, patch);
  const entry = call.call_list_entry ? await settleEntry(String(call.call_list_entry), outcome, ctx, now, String(body.callbackAt)) : null;
  if (body.disposition === 'do_not_call') await ctx.records.create('do_not_call', { phone: call.dnis ?? call.ani, reason: 'Asked during a call' });
  return { call: ended, entry };
};

/** A caller asks to be called back instead of waiting: their call leaves the queue and a callback is due at `at` on the Callbacks list. */
export const offerCallback = async (callId: string, body: Record<string, unknown>, ctx: PluginRouteContext, now = Date.now()) => {
  const at = typeof body.at === 'string' && !Number.isNaN(Date.parse(body.at)) ? body.at : iso(now + 15 * 60_000);
  const call = await ctx.records.get('phone_call', callId);
  if (call.status !== 'queued') throw problem('CALLCENTER_CALL_STATE', { call: String(call.code ?? callId), status: String(call.status) });
  const lists = await ctx.records.list('call_list', { filter: { '==': [{ var: 'source' }, 'callbacks'] }, limit: 1 });
  const list = lists.data[0] ?? (await ctx.records.create('call_list', { name: 'Callbacks 预约回呼', source: 'callbacks', status: 'active', mode: 'preview', window_start: '08:00', window_end: '21:00' }));
  const entry = await ctx.records.create('call_list_entry', { call_list: list.id, phone: call.ani, customer: call.customer ?? null, contact: call.contact ?? null, priority: 10, status: 'callback', next_attempt_at: at, source_ref: `phone_call:${callId}` });
  const ended = await ctx.records.update('phone_call', callId, { status: 'ended', outcome: 'callback', callback_at: at, ended_at: iso(now), wait_seconds: Math.round((now - Date.parse(String(call.offered_at))) / 1000) }, { ifMatch: Number(call.version) });
  await publishWallboard(ctx, now, 'callback');
  return { call: ended, entry };
};
