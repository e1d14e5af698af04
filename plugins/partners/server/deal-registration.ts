import { createRecord, problem, updateRecord, withSystemRights, type AfterHook, type BeforeHook, type RecordContext, type RecordData } from '../../../core/index.js';

/** A person signed in to the portal (core's portal actors are `portal:<id>`). */
const isPortalActor = (ctx: RecordContext): boolean => ctx.actor.id.startsWith('portal:');

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Whether the partner has a deal with the customer (the customers a partner user may name). */
const partnersCustomer = async (partner: string, customer: string, ctx: RecordContext): Promise<boolean> =>
  Boolean(await ctx.db('opportunity').where({ partner, customer }).whereNull('deleted_at').first('id'));

/**
 * An open deal of the customer (named by id, or by name when it is new to us): an opportunity
 * not yet won or lost of a customer with that id or that name (case and spaces aside), or
 * another registration still waiting for approval. Read whatever the writer may see: a
 * partner must learn the deal is taken even when it is another partner's.
 */
const openDealOf = async (customer: string | null, name: string, ctx: RecordContext, except?: string): Promise<string | null> => {
  const key = name.toLowerCase().replace(/\s+/g, '');
  const customers: string[] = customer
    ? [customer]
    : (await ctx.db('customer').whereNull('deleted_at').whereRaw("lower(regexp_replace(name, '\\s+', '', 'g')) = ?", [key]).select('id')).map((c: RecordData) => String(c.id));
  if (customers.length) {
    const deal = await ctx.db('opportunity').whereIn('customer', customers).whereNull('deleted_at').whereNotIn('stage', ['won', 'lost']).first('code');
    if (deal) return String(deal.code);
  }
  const pending = ctx.db('deal_registration').whereNull('deleted_at').where({ status: 'registered' });
  if (except) pending.whereNot({ id: except });
  const registered = await pending
    .where((q) => {
      q.whereRaw("lower(regexp_replace(coalesce(customer_name, ''), '\\s+', '', 'g')) = ?", [key]);
      if (customers.length) q.orWhereIn('customer', customers);
    })
    .first('code');
  return registered ? String(registered.code) : null;
};

/**
 * 商机报备: a registration a partner user sends is their own partner's (whatever the body
 * says), for a customer of one of that partner's deals or a customer named anew, and lands
 * in the partner manager's queue (`manager`). A customer with an open deal, or with a
 * registration waiting, is refused whole: 409 DEAL_ALREADY_REGISTERED.
 */
export const beforeRegistrationCreate: BeforeHook = async (event, ctx) => {
  const { data } = event;
  if (isPortalActor(ctx)) {
    const partner = ctx.actor.attributes?.partner;
    if (typeof partner !== 'string' || !partner) throw problem('PARTNER_ACCOUNT_NO_PARTNER', {}, { errors: [{ field: 'partner', message: 'no partner is linked to your account' }] });
    data.partner = partner;
    if (typeof data.customer === 'string' && data.customer && !(await partnersCustomer(partner, data.customer, ctx))) {
      throw problem('DEAL_CUSTOMER_NOT_YOURS', {}, { errors: [{ field: 'customer', message: 'is not a customer of your deals', code: 'DEAL_CUSTOMER_NOT_YOURS' }] });
    }
  }
  const customer = typeof data.customer === 'string' && data.customer ? data.customer : null;
  if (customer) {
    const row = await ctx.db('customer').where({ id: customer }).whereNull('deleted_at').first('name');
    if (row) data.customer_name = row.name;
  }
  const name = text(data.customer_name);
  if (!name) return; // the entity's rule `customer_named` refuses it with the other missing fields
  data.customer_name = name;
  const taken = await openDealOf(customer, name, ctx);
  if (taken) throw problem('DEAL_ALREADY_REGISTERED', { customer: name, deal: taken }, { errors: [{ field: customer ? 'customer' : 'customer_name', message: 'has an open deal already', code: 'DEAL_ALREADY_REGISTERED' }] });
  if (typeof data.partner === 'string') {
    const partner = await ctx.db('partner').where({ id: data.partner }).whereNull('deleted_at').first('manager');
    if (partner?.manager) data.manager = partner.manager;
  }
};

/** A decided registration no longer changes; approving one checks again that no deal of the customer opened meanwhile. */
export const beforeRegistrationUpdate: BeforeHook = async (event, ctx) => {
  const { old, data } = event;
  if (!old) return;
  // A merge moving its customer (or partner) to the surviving record decides nothing.
  if (event.via === 'action:repoint') return;
  if (old.status !== 'registered') {
    // Only the approval's own link to the deal it made is written afterwards, once.
    const changed = Object.keys(data).filter((k) => data[k] !== old[k]);
    if (old.status === 'approved' && !old.opportunity && changed.every((k) => k === 'opportunity' || k === 'customer')) return;
    throw problem('DEAL_REGISTRATION_DECIDED', { status: String(old.status) });
  }
  if (data.status !== 'approved') return;
  const merged = { ...old, ...data };
  const customer = typeof merged.customer === 'string' && merged.customer ? merged.customer : null;
  const taken = await openDealOf(customer, text(merged.customer_name), ctx, String(old.id));
  if (taken) throw problem('DEAL_ALREADY_REGISTERED', { customer: text(merged.customer_name), deal: taken }, { errors: [{ field: 'status', message: 'the customer has an open deal already', code: 'DEAL_ALREADY_REGISTERED' }] });
};

/**
 * Approval makes the partner's deal, in the transition's transaction: the customer (a new
 * one from the registered name when none was chosen), an opportunity of the partner with the
 * registered amount, close date and next step, owned by the partner manager, linked back on
 * the registration.
 */
export const afterRegistrationApproved: AfterHook = async (event, ctx) => {
  const r = event.data;
  if (r.status !== 'approved' || event.old?.status === 'approved') return;
  const sys = withSystemRights(ctx);
  const customer = typeof r.customer === 'string' && r.customer ? r.customer : String((await createRecord('customer', { name: r.customer_name, ...(r.manager ? { owner_id: r.manager } : {}) }, sys)).id);
  const deal = await createRecord(
    'opportunity',
    {
      title: `${String(r.product_interest)} · ${String(r.customer_name)}`.slice(0, 200),
      customer,
      partner: r.partner,
      amount: r.amount,
      expected_close_date: r.expected_close_date,
      next_step: r.next_step ?? undefined,
      ...(r.manager ? { owner_id: r.manager } : {}),
    },
    sys,
  );
  await updateRecord('deal_registration', String(r.id), { customer, opportunity: deal.id }, sys);
};
