import { invalidInput, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { claimFreeAgent, type Offer } from '../routing/dispatch.js';
import { chooseRoute, type CallerFacts } from '../routing/route-rules.js';
import { routingConfig } from '../routing/routing-config.js';
import { lookupCaller, type CallerMatch } from './lookup-caller.js';
import { toE164 } from './phone.js';
import { announceOffer, publishWallboard } from './publish.js';

export interface OfferInput {
  ani: string;
  dnis: string;
  ctiCallId?: string;
  /** The queue (by its code) the caller chose in the IVR; routing rules still come first. */
  queue?: string;
}

export const parseOffer = (body: unknown): OfferInput => {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors = (['ani', 'dnis'] as const).filter((k) => typeof b[k] !== 'string' || !(b[k] as string).trim()).map((field) => ({ field, message: 'is required', code: 'REQUIRED' }));
  if (errors.length) throw invalidInput('A call needs its caller and called numbers', errors);
  return { ani: String(b.ani), dnis: String(b.dnis), ctiCallId: typeof b.ctiCallId === 'string' ? b.ctiCallId : undefined, queue: typeof b.queue === 'string' ? b.queue : undefined };
};

const first = (matches: CallerMatch[], entity: string) => matches.find((m) => m.entity === entity);

/** What the routing rules read about the caller: their customer, contact or lead, and open service cases. */
const callerFacts = async (input: OfferInput, matches: CallerMatch[], ctx: PluginRouteContext): Promise<CallerFacts> => {
  const customerId = first(matches, 'customer')?.id ?? first(matches, 'contact')?.customer;
  const get = async (entity: string, id?: string) => (id ? ctx.records.get(entity, id) : null);
  let openCases = 0;
  if (customerId && ctx.meta.entities.service_case) {
    const open = await ctx.records.list('service_case', { filter: { and: [{ '==': [{ var: 'customer' }, customerId] }, { in: [{ var: 'status' }, ['new', 'assigned', 'handled']] }] }, limit: 1, total: true });
    openCases = open.total ?? 0;
  }
  return {
    ani: input.ani,
    dnis: input.dnis,
    known: matches.length > 0,
    customer: await get('customer', customerId),
    contact: await get('contact', first(matches, 'contact')?.id),
    lead: await get('lead', first(matches, 'lead')?.id),
    open_cases: openCases,
  };
};

/**
 * An inbound call the telephony system offers: the caller found by number, the routing
 * rules choose a queue (or the account manager), the call is stored as waiting and offered
 * to a free agent — or it waits in its queue, its place kept in the database.
 */
export const receiveCall = async (input: OfferInput, ctx: PluginRouteContext, now = Date.now()): Promise<{ call: RecordData; agent: RecordData | null; route: ReturnType<typeof chooseRoute> }> => {
  const ani = toE164(input.ani) ?? input.ani.trim();
  const dnis = toE164(input.dnis) ?? input.dnis.trim();
  const matches = await lookupCaller(ani, ctx.records, ctx.meta);
  const facts = await callerFacts({ ...input, ani, dnis }, matches, ctx);
  const config = await routingConfig(ctx);
  const { rules, queues } = config;
  const general = queues.find((q) => q.name === input.queue) ?? queues.find((q) => q.name === 'general') ?? queues[0];
  const route = chooseRoute(rules, facts, general ? String(general.id) : undefined);
  const queue = queues.find((q) => String(q.id) === route.queue) ?? null;
  // The agent is claimed before the call is written: writing the call takes the tenant's
  // gap-free numbering lock (its code), held to the commit, so it comes last and short:
  // only the call, the agent's note of it and the agent's ring event happen under it.
  let claimed = route.accountManager ? await claimFreeAgent(ctx.records, null, now, { owner: route.accountManager, config }) : null;
  claimed ??= await claimFreeAgent(ctx.records, queue, now, { config });
  // Events are sent at commit whatever their order: the wallboard's goes before the lock.
  await publishWallboard(ctx, now, claimed ? 'offered' : 'queued');
  const call = await ctx.records.create('phone_call', {
    direction: 'inbound',
    status: claimed ? 'ringing' : 'queued',
    agent: claimed?.agent.id ?? null,
    ani,
    dnis,
    cti_call_id: input.ctiCallId ?? null,
    queue: queue?.id ?? null,
    priority: route.priority,
    customer: facts.customer?.id ?? null,
    contact: facts.contact?.id ?? null,
    lead: facts.lead?.id ?? null,
    email: facts.contact?.email ?? facts.customer?.email ?? facts.lead?.email ?? null,
    offered_at: new Date(now).toISOString(),
  });
  let offer: Offer | null = null;
  if (claimed) offer = { call, agent: await ctx.records.update('call_agent', String(claimed.agent.id), { current_call: call.id }) };
  if (offer) await announceOffer(offer, ctx);
  return { call: offer?.call ?? call, agent: offer?.agent ?? null, route };
};
