import { invalidInput, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { lookupCaller } from './lookup-caller.js';
import { toE164 } from './phone.js';
import { publishWallboard } from './publish.js';

/** How a call that never reached a queue ended in the IVR. */
export const IVR_OUTCOMES = ['self_service', 'abandoned_in_ivr'] as const;

export interface IvrCallInput {
  ani: string;
  dnis: string;
  ctiCallId?: string;
  outcome: (typeof IVR_OUTCOMES)[number];
  /** The menu keys pressed, in order. */
  keys: string[];
  /** When the call came in (ISO 8601); default: now. */
  offeredAt?: string;
}

export const parseIvrCall = (body: unknown): IvrCallInput => {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { field: string; message: string; code: string }[] = [];
  for (const field of ['ani', 'dnis'] as const) if (typeof b[field] !== 'string' || !(b[field] as string).trim()) errors.push({ field, message: 'is required', code: 'REQUIRED' });
  if (!IVR_OUTCOMES.includes(b.outcome as never)) errors.push({ field: 'outcome', message: `must be one of: ${IVR_OUTCOMES.join(', ')}`, code: 'ENUM' });
  const keys = b.keys ?? [];
  if (!Array.isArray(keys) || keys.length > 40 || keys.some((k) => typeof k !== 'string' || !/^[0-9*#]$/.test(k))) errors.push({ field: 'keys', message: 'must be a list of at most 40 keys (0-9, *, #)', code: 'FORMAT' });
  if (b.offeredAt !== undefined && (typeof b.offeredAt !== 'string' || Number.isNaN(Date.parse(b.offeredAt)))) errors.push({ field: 'offeredAt', message: 'must be a date-time', code: 'FORMAT' });
  if (errors.length) throw invalidInput('The IVR call is not valid', errors);
  return { ani: String(b.ani), dnis: String(b.dnis), ctiCallId: typeof b.ctiCallId === 'string' ? b.ctiCallId : undefined, outcome: b.outcome as IvrCallInput['outcome'], keys: keys as string[], offeredAt: b.offeredAt as string | undefined };
};

/**
 * A call the IVR handled alone (self-service) or that the caller hung up in the menu: an
 * ended inbound call record with its outcome and the keys pressed, linked to the caller,
 * so statistics count it (containment on the wallboard and in reports).
 */
export const recordIvrCall = async (input: IvrCallInput, ctx: PluginRouteContext, now = Date.now()): Promise<RecordData> => {
  const ani = toE164(input.ani) ?? input.ani.trim();
  const matches = await lookupCaller(ani, ctx.records, ctx.meta);
  const contact = matches.find((m) => m.entity === 'contact');
  const customer = matches.find((m) => m.entity === 'customer')?.id ?? contact?.customer ?? null;
  const call = await ctx.records.create('phone_call', {
    direction: 'inbound',
    status: 'ended',
    outcome: input.outcome,
    ivr_path: input.keys.join('-') || null,
    ani,
    dnis: toE164(input.dnis) ?? input.dnis.trim(),
    cti_call_id: input.ctiCallId ?? null,
    customer,
    contact: contact?.id ?? null,
    lead: matches.find((m) => m.entity === 'lead')?.id ?? null,
    offered_at: input.offeredAt ? new Date(input.offeredAt).toISOString() : new Date(now).toISOString(),
    ended_at: new Date(now).toISOString(),
  });
  await publishWallboard(ctx, now, 'ended');
  return call;
};
