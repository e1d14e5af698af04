import { bulkMailProgress, createRecord, getRecord, invalidInput, problem, queueBulkMail, readTenantSettings, updateRecord, type PluginRecordContext, type PluginRouteDef, type RecordActionDef, type Tenant } from '../../../core/index.js';

/** Campaigns that may send: approved or under way. */
const SENDING = new Set(['approved', 'active']);

/**
 * Who a campaign's e-mail reaches: its planned members on the e-mail channel (as the channel
 * rules chose), never one whose contact or customer is on the do-not-contact list (even when
 * marked after the channels were chosen). Core skips addresses that opted out of e-mail.
 */
export const emailAudience = (campaign: string) => ({
  and: [
    { '==': [{ var: 'campaign' }, campaign] },
    { '==': [{ var: 'status' }, 'planned'] },
    { '==': [{ var: 'channel' }, 'email'] },
    { '!': [{ '==': [{ var: 'contact.do_not_contact' }, true] }] },
    { '!': [{ '==': [{ var: 'customer.do_not_contact' }, true] }] },
  ],
});

/**
 * 发送邮件: queues the campaign's e-mail template to its e-mail members through core's bulk
 * mail (the durable queue; nothing is sent inside this transaction). Refused before anything is
 * queued when the template uses a merge field a member lacks (MAIL_MERGE_FIELD), and — above the
 * tenant's limit — until `confirm` repeats the number it will reach (BULK_MAIL_CONFIRM states it).
 * Each member sent is marked `sent`, one whose address opted out `opted_out`; an unsubscribe
 * through the message's link records a response (`mail_unsubscribed`).
 */
export const sendEmailAction: RecordActionDef = {
  label: { en: 'Send the e-mail', 'zh-CN': '发送营销邮件' },
  input: { confirm: { type: 'integer', label: { en: 'Number of recipients (to confirm a large send)', 'zh-CN': '收件人数（大批量发送时确认）' } } },
  async run({ id, record, params }, ctx) {
    if (!SENDING.has(String(record.status))) throw problem('CAMPAIGN_NOT_SENDING', { status: String(record.status) });
    const template = typeof record.email_template === 'string' ? record.email_template.trim() : '';
    if (!template) throw invalidInput('Choose the e-mail template of the campaign first', [{ field: 'email_template', message: 'is required to send e-mail', code: 'REQUIRED' }]);
    if (!ctx.meta.documents.email_template?.[template]) throw invalidInput(`There is no e-mail template named ${template}`, [{ field: 'email_template', message: 'is not an e-mail template', code: 'UNKNOWN' }]);
    const tenant = (ctx as PluginRecordContext & { tenant?: Tenant }).tenant;
    const locale = tenant ? (await readTenantSettings(ctx.db, tenant)).locale : 'en';
    const confirm = params.confirm === undefined || params.confirm === null || params.confirm === '' ? undefined : Number(params.confirm);
    const queued = await queueBulkMail(
      {
        template,
        entity: 'campaign_member',
        field: ['contact.email', 'lead.email'],
        filter: emailAudience(id),
        locale,
        ...(confirm !== undefined && { confirm }),
        mark: { sent: { status: 'sent' }, opted_out: { status: 'opted_out' } },
        onUnsubscribe: 'mail_unsubscribed',
      },
      ctx,
    );
    await updateRecord('campaign', id, { email_bulk: queued.bulkId }, ctx, { ifMatch: Number(record.version) });
    return { campaign: id, ...queued };
  },
};

/** GET /api/x/marketing/campaigns/:id/sending — how the campaign's last e-mail send is getting on. */
export const sendingProgress: PluginRouteDef = {
  method: 'GET',
  path: '/campaigns/:id/sending',
  systemAccess: "counts the messages of the campaign's own bulk mail by status",
  async handler(req, ctx) {
    const campaign = await ctx.records.get('campaign', req.params.id, { fields: ['id', 'email_bulk'] });
    if (!campaign.email_bulk) return { campaign: campaign.id, sending: null };
    return { campaign: campaign.id, sending: await ctx.system((db) => bulkMailProgress(String(campaign.email_bulk), { db })) };
  },
};

/**
 * 退订: run by core when a member unsubscribes through the link of the campaign's e-mail (the
 * first time only): a response of kind `unsubscribe`, which marks the member opted out.
 */
export const mailUnsubscribedAction: RecordActionDef = {
  label: { en: 'Record an unsubscribe', 'zh-CN': '记录退订' },
  async run({ id, record }, ctx) {
    const member = await getRecord('campaign_member', id, ctx, { fields: ['id', 'campaign', 'contact', 'customer', 'lead', 'contact.name', 'contact.email', 'lead.email'] });
    return createRecord(
      'campaign_response',
      { campaign: record.campaign, member: id, contact: member.contact ?? undefined, customer: member.customer ?? undefined, kind: 'unsubscribe', name: member['contact.name'] ?? undefined, email: member['contact.email'] ?? member['lead.email'] ?? undefined },
      ctx,
    );
  },
};
