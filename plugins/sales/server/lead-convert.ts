import { AppError, createRecord, ruleViolation, runTransition, type BeforeHook, type RecordActionDef, type RecordContext, type RecordData } from '../../../core/index.js';
import { changedFields, today } from './shared.js';

/** Fields only a conversion writes: the records it created and its date. */
const CONVERSION_LINKS = ['customer', 'contact', 'opportunity', 'converted_on'];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

const amountOf = (v: unknown): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw ruleViolation('The amount must be a number of at least 0', { errors: [{ field: 'amount', message: 'must be a number ≥ 0' }] });
  return n;
};

/**
 * 转化: in the caller's transaction, creates the customer (a prospect), its contact and an
 * opportunity from a qualified lead, all owned by the lead's owner, then takes the lead's
 * `convert` transition with links to the three (its guard wants them). A lead converted already is a 409 naming them; a lead
 * not yet qualified is a 409 too. The lead is written with the version that was read, so of
 * two conversions at once one wins and the other is a 409 that leaves nothing behind.
 */
export const convertLead = async (lead: RecordData, params: Record<string, unknown>, ctx: RecordContext): Promise<{ lead: RecordData; customer: RecordData; contact: RecordData; opportunity: RecordData }> => {
  if (lead.status === 'converted') {
    throw new AppError('LEAD_ALREADY_CONVERTED', 409, `Lead "${String(lead.company)}" was already converted on ${String(lead.converted_on)}`, {
      customer: lead.customer,
      contact: lead.contact,
      opportunity: lead.opportunity,
    });
  }
  if (lead.status !== 'qualified') {
    throw new AppError('WRONG_STATE', 409, `Only a qualified lead can be converted; this one is "${String(lead.status)}" (qualify it first)`);
  }
  const owner = lead.owner_id ? { owner_id: lead.owner_id } : {};
  const customer = await createRecord(
    'customer',
    { name: lead.company, region: lead.region, industry: lead.industry, phone: lead.phone, status: 'prospect', account_manager: lead.owner_id ?? undefined, ...owner },
    ctx,
  );
  const contact = await createRecord(
    'contact',
    { customer: customer.id, name: lead.contact_name, title: lead.job_title, phone: lead.phone, email: lead.email, notes: lead.description, ...owner },
    ctx,
  );
  const opportunity = await createRecord(
    'opportunity',
    {
      title: text(params.title) ?? String(lead.company),
      customer: customer.id,
      contact: contact.id,
      amount: amountOf(params.amount),
      expected_close_date: text(params.expected_close_date),
      source: lead.source,
      source_lead: lead.id,
      description: lead.description,
      ...owner,
    },
    ctx,
  );
  const converted = await runTransition(
    { entity: 'lead', id: String(lead.id), transition: 'convert', ifMatch: Number(lead.version), set: { customer: customer.id, contact: contact.id, opportunity: opportunity.id, converted_on: today(ctx) } },
    ctx,
  );
  return { lead: converted, customer, contact, opportunity };
};

/** POST /api/records/lead/:id/actions/convert `{title?, amount?, expected_close_date?}` (right `lead.convert`). */
export const convertLeadAction: RecordActionDef = {
  label: { en: 'Convert to customer', 'zh-CN': '转化为客户' },
  when: { '==': [{ var: 'status' }, 'qualified'] },
  input: {
    title: { type: 'text', label: { en: 'Opportunity title', 'zh-CN': '销售机会名称' } },
    amount: { type: 'decimal', label: { en: 'Expected amount', 'zh-CN': '预计金额' } },
    expected_close_date: { type: 'date', label: { en: 'Expected close date', 'zh-CN': '预计成交日期' } },
  },
  run: ({ record, params }, ctx) => convertLead(record, params, ctx),
};

/** The links a conversion writes are written by the conversion only (the state moves to converted with them). */
export const guardConversionLinks: BeforeHook = (event) => {
  const changed = changedFields(event.data, event.old, CONVERSION_LINKS);
  if (!changed.length) return;
  if (event.action === 'update' && event.data.status === 'converted' && event.old?.status !== 'converted') return;
  throw ruleViolation('These fields are set by converting the lead', {
    errors: changed.map((field) => ({ field, message: 'is set by the conversion', code: 'SET_BY_CONVERSION' })),
  });
};
