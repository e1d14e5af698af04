import { createRecord, getRecord, listRecords, problem, updateRecord, withSystemRights, type BeforeHook, type RecordActionDef, type RecordContext, type RecordData } from '../../../core/index.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * 生成线索: a response becomes a lead whose source campaign is the response's campaign (first
 * touch); the response and its member point at it, and the member counts as converted.
 */
export const createLeadAction: RecordActionDef = {
  label: { en: 'Create a lead', 'zh-CN': '生成潜在客户' },
  async run({ id, record }, ctx) {
    if (record.lead) throw problem('RESPONSE_HAS_LEAD', { lead: String(record.lead) }, { lead: record.lead });
    const contact: RecordData = record.contact ? await getRecord('contact', String(record.contact), ctx) : {};
    const customer: RecordData = record.customer ? await getRecord('customer', String(record.customer), ctx) : {};
    const lead = await createRecord(
      'lead',
      {
        company: text(record.company) ?? text(customer.name) ?? text(record.name) ?? text(contact.name) ?? '—',
        contact_name: text(record.name) ?? text(contact.name) ?? text(customer.name) ?? text(record.company),
        email: text(record.email) ?? text(contact.email),
        phone: text(record.phone) ?? text(contact.phone) ?? text(contact.mobile) ?? text(customer.phone),
        region: customer.region ?? undefined,
        industry: customer.industry ?? undefined,
        description: text(record.note),
        source_campaign: record.campaign,
      },
      ctx,
    );
    const response = await updateRecord('campaign_response', id, { lead: lead.id }, ctx, { ifMatch: Number(record.version) });
    if (record.member) await updateRecord('campaign_member', String(record.member), { status: 'converted' }, ctx);
    return { response, lead };
  },
};

/**
 * A response of a member marks the member as responded (unless it went further already).
 * The status follows from a response the actor was allowed to record (a web form's visitor
 * may not read members), so it is written with system rights.
 */
export const markMemberResponded = async (data: RecordData, ctx: RecordContext): Promise<void> => {
  if (!data.member) return;
  const sys = withSystemRights(ctx);
  const member = await getRecord('campaign_member', String(data.member), sys);
  const status = data.kind === 'unsubscribe' ? 'opted_out' : 'responded';
  if (member.status === 'converted' || member.status === status) return;
  await updateRecord('campaign_member', String(member.id), { status }, sys);
};

/**
 * A response names its campaign; from a web form it may name it by its number instead. A
 * response that names no member is matched to the campaign's member with the same e-mail
 * address (its contact's or lead's), so a member who answers on the landing page counts as
 * responded. Nothing of the member is shown to the visitor.
 */
export const responseCampaignByCode: BeforeHook = async (event, ctx) => {
  if (!event.data.campaign && text(event.data.campaign_code)) {
    const page = await listRecords('campaign', { filter: { '==': [{ var: 'code' }, text(event.data.campaign_code)] }, limit: 1, fields: ['id'] }, ctx);
    if (page.data.length) event.data.campaign = page.data[0].id;
  }
  const email = text(event.data.email);
  if (event.data.member || !event.data.campaign || !email) return;
  const addresses = [...new Set([email, email.toLowerCase()])];
  const sameAddress = (path: string) => addresses.map((a) => ({ '==': [{ var: path }, a] }));
  const found = await listRecords(
    'campaign_member',
    { filter: { and: [{ '==': [{ var: 'campaign' }, event.data.campaign] }, { or: [...sameAddress('contact.email'), ...sameAddress('lead.email')] }] }, limit: 1, fields: ['id', 'contact', 'customer', 'lead'] },
    withSystemRights(ctx),
  );
  const member = found.data[0];
  if (!member) return;
  event.data.member = member.id;
  for (const key of ['contact', 'customer', 'lead'] as const) if (member[key] && !event.data[key]) event.data[key] = member[key];
};
