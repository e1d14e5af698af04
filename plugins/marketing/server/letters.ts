import { stringify } from 'csv-stringify/sync';
import { textAnswer, type PluginRouteDef, type RecordData } from '../../../core/index.js';

const COLUMNS = {
  en: ['Name', 'Title', 'Company', 'Address', 'City', 'Province', 'Phone', 'Salutation', 'Campaign'],
  'zh-CN': ['收件人', '职务', '公司', '地址', '城市', '省份', '电话', '称呼', '营销活动'],
} as const;

const FIELDS = ['id', 'contact.name', 'contact.title', 'contact.phone', 'contact.mobile', 'customer.name', 'customer.address', 'customer.city', 'customer.province', 'customer.phone', 'lead.contact_name', 'lead.company', 'lead.job_title', 'lead.phone', 'campaign.name'];

/** Who gets the campaign's letter: members on the letter channel, not opted out, never on the do-not-contact list. */
export const letterAudience = (campaign: string) => ({
  and: [
    { '==': [{ var: 'campaign' }, campaign] },
    { '==': [{ var: 'channel' }, 'letter'] },
    { '!=': [{ var: 'status' }, 'opted_out'] },
    { '!': [{ '==': [{ var: 'contact.do_not_contact' }, true] }] },
    { '!': [{ '==': [{ var: 'customer.do_not_contact' }, true] }] },
  ],
});

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** One line of the mail-merge: the addressee, where the letter goes and how it greets them. */
const line = (m: RecordData, locale: 'en' | 'zh-CN'): string[] => {
  const name = text(m['contact.name'] ?? m['lead.contact_name']);
  const company = text(m['customer.name'] ?? m['lead.company']);
  const salutation = locale === 'zh-CN' ? `尊敬的${name || company}：` : `Dear ${name || company},`;
  return [name, text(m['contact.title'] ?? m['lead.job_title']), company, text(m['customer.address']), text(m['customer.city']), text(m['customer.province']), text(m['contact.mobile'] ?? m['contact.phone'] ?? m['customer.phone'] ?? m['lead.phone']), salutation, text(m['campaign.name'])];
};

/**
 * GET /api/x/marketing/campaigns/:id/letters[?locale=zh-CN] — the mail-merge of the campaign's
 * letter members as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese):
 * one line per member with addressee, company, address, phone and salutation, read page by
 * page under the caller's scope.
 */
export const lettersExport: PluginRouteDef = {
  method: 'GET',
  path: '/campaigns/:id/letters',
  async handler(req, ctx) {
    const campaign = await ctx.records.get('campaign', req.params.id, { fields: ['id', 'code'] });
    const locale = req.query.locale === 'zh-CN' ? 'zh-CN' : 'en';
    const rows: string[][] = [[...COLUMNS[locale]]];
    let cursor: string | undefined;
    do {
      const page = await ctx.records.list('campaign_member', { filter: letterAudience(String(campaign.id)), fields: FIELDS, limit: 500, cursor, sort: 'created_at' });
      rows.push(...page.data.map((m) => line(m, locale)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return textAnswer('text/csv; charset=utf-8', `\uFEFF${stringify(rows)}`);
  },
};
