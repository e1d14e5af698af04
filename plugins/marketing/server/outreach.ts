import { readFileSync } from 'node:fs';
import { createRecord, listRecords, mailOptedOut, problem, updateRecord, type Label, type RecordActionDef, type RecordContext, type RecordData } from '../../../core/index.js';

export interface ChannelRule {
  name: string;
  label: Label;
  /** json-logic over the member, reaching its contact, customer and lead (`contact.email`); `true` for the last rule. */
  when: unknown;
  channel: 'email' | 'call' | 'letter' | 'none';
}

/** The channel rules, a JSON document beside the metadata (first matching rule wins). */
export const CHANNEL_RULES = (JSON.parse(readFileSync(new URL('../outreach/channel_rules.json', import.meta.url), 'utf8')) as { rules: ChannelRule[] }).rules;

/** Planned members of a campaign a rule matches, a page at a time (the rule runs in SQL, under the caller's scope). */
const matching = async function* (campaign: string, when: unknown, ctx: RecordContext): AsyncGenerator<RecordData[]> {
  const filter = { and: [{ '==': [{ var: 'campaign' }, campaign] }, { '==': [{ var: 'status' }, 'planned'] }, ...(when === true ? [] : [when])] };
  let cursor: string | undefined;
  do {
    const page = await listRecords('campaign_member', { filter, limit: 500, cursor, fields: ['id', 'version', 'channel', 'contact', 'customer', 'lead', 'contact.phone', 'contact.mobile', 'customer.phone', 'lead.phone', 'contact.email', 'lead.email'] }, ctx);
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
};

/**
 * The call-center contract: when the tenant has entity `call_list_entry`, a call member becomes an
 * entry of the campaign's call list ({call_list, phone, contact, customer, priority, source_ref});
 * otherwise it is marked `call_list_unavailable`. Nothing of the call-center module is imported.
 */
const callList = (campaign: RecordData, ctx: RecordContext) => {
  if (!ctx.meta.entities.call_list_entry || !ctx.meta.entities.call_list) return undefined;
  let list: Promise<RecordData> | undefined;
  return async (member: RecordData, priority: number): Promise<void> => {
    list ??= createRecord('call_list', { name: String(campaign.name), source: 'marketing' }, ctx);
    const phone = member['contact.mobile'] ?? member['contact.phone'] ?? member['customer.phone'] ?? member['lead.phone'] ?? undefined;
    await createRecord('call_list_entry', { call_list: (await list).id, phone, contact: member.contact ?? undefined, customer: member.customer ?? undefined, priority, source_ref: `campaign_member:${String(member.id)}` }, ctx);
  };
};

/** The member's e-mail address: its contact's, else its lead's. */
const addressOf = (member: RecordData): string | undefined => {
  const a = member['contact.email'] ?? member['lead.email'];
  return typeof a === 'string' && a ? a : undefined;
};

/**
 * 按规则选择触达方式: every planned member gets the channel of the first rule it matches
 * (do-not-contact first, so such members are reached on no channel; an address that opted out of
 * e-mail never gets the e-mail channel); call members go to the
 * call list when the call-center contract is there. Answers the count per channel.
 */
export const planOutreachAction: RecordActionDef = {
  label: { en: 'Choose channels by rules', 'zh-CN': '按规则选择触达方式' },
  async run({ id, record }, ctx) {
    if (record.status === 'completed' || record.status === 'cancelled') throw problem('CAMPAIGN_CLOSED', { status: String(record.status) });
    const seen = new Set<string>();
    const counts: Record<string, number> = {};
    const toCall = callList(record, ctx);
    for (const [i, rule] of CHANNEL_RULES.entries()) {
      for await (const page of matching(id, rule.when, ctx)) {
        const opted = rule.channel === 'email' ? await mailOptedOut(ctx.db, page.map(addressOf).filter((a): a is string => Boolean(a))) : new Set<string>();
        for (const member of page) {
          if (seen.has(String(member.id))) continue;
          if (opted.has(addressOf(member)?.trim().toLowerCase() ?? '')) continue; // opted out of e-mail: a later rule reaches them
          seen.add(String(member.id));
          let channel: string = rule.channel;
          if (channel === 'call') {
            if (toCall) await toCall(member, CHANNEL_RULES.length - i);
            else channel = 'call_list_unavailable';
          }
          if (member.channel !== channel) await updateRecord('campaign_member', String(member.id), { channel }, ctx, { ifMatch: Number(member.version) });
          counts[channel] = (counts[channel] ?? 0) + 1;
        }
      }
    }
    return { campaign: id, channels: counts };
  },
};
