import { createRecord, listRecords, withSystemRights, type AfterHook, type PluginRecordContext, type RecordData } from '../../../core/index.js';
import { newToken, surveyLink } from './token.js';

export type SurveyTrigger = 'case_archived' | 'order_completed';

/** What an invitation is about: the case or order, its customer and contact, product and the team behind it. */
export interface InviteSubject {
  trigger: SurveyTrigger;
  link: { service_case: string } | { sales_order: string };
  customer: string;
  contact?: string | null;
  product?: string | null;
  /** The user whose team answers for it (the case's handler, the order's owner). */
  user?: string | null;
}

const DAY = 86_400_000;

/** The tenant's slug in a record context (work contexts carry their tenant). */
const tenantSlug = (ctx: PluginRecordContext): string => (ctx as { tenant?: { slug?: string } }).tenant?.slug ?? '';

/** The contact to ask: the one named, else the customer's first contact with an e-mail address. */
const recipient = async (subject: InviteSubject, ctx: PluginRecordContext): Promise<{ contact: string | null; email: string | null }> => {
  const filter = subject.contact
    ? { '==': [{ var: 'id' }, subject.contact] }
    : { and: [{ '==': [{ var: 'customer' }, subject.customer] }, { '!!': [{ var: 'email' }] }] };
  const page = await listRecords('contact', { filter, sort: 'created_at', limit: 1, fields: ['id', 'email'] }, ctx);
  const c = page.data[0];
  return { contact: c ? String(c.id) : null, email: typeof c?.email === 'string' && c.email ? c.email : null };
};

/** The team record of a user's team (users carry their team's name). */
export const teamOf = async (user: unknown, ctx: PluginRecordContext): Promise<string | null> => {
  if (typeof user !== 'string' || !user) return null;
  const name = (await ctx.db('_users').where({ id: user }).first('team'))?.team as string | null | undefined;
  if (!name) return null;
  const team = await listRecords('team', { filter: { '==': [{ var: 'name' }, name] }, limit: 1, fields: ['id'] }, ctx);
  return (team.data[0]?.id as string | undefined) ?? null;
};

/**
 * Invites the customer to the tenant's active survey for this trigger (the newest, when
 * several): a pending response with a one-time link valid for the survey's days. Only the
 * link's hash is kept; the `survey_send` workflow mails the link and then wipes it. Once per
 * case or order; nothing happens without an active survey. Runs with system rights: the
 * person closing the case need not manage surveys.
 */
export const inviteToSurvey = async (subject: InviteSubject, ctx: PluginRecordContext): Promise<RecordData | undefined> => {
  const sys = withSystemRights(ctx);
  const surveys = await listRecords('survey', { filter: { and: [{ '==': [{ var: 'trigger' }, subject.trigger] }, { '==': [{ var: 'active' }, true] }] }, sort: '-created_at', limit: 1 }, sys);
  const survey = surveys.data[0];
  if (!survey) return undefined;
  const [field, id] = Object.entries(subject.link)[0];
  const existing = await listRecords('survey_response', { filter: { '==': [{ var: field }, id] }, limit: 1, fields: ['id'] }, sys);
  if (existing.data.length) return undefined;
  const { contact, email } = await recipient(subject, sys);
  const { token, hash } = newToken();
  const now = ctx.now ?? new Date();
  return createRecord('survey_response', {
    survey: survey.id,
    [field]: id,
    customer: subject.customer,
    contact,
    product: subject.product ?? null,
    team: await teamOf(subject.user, sys),
    email,
    status: 'pending',
    sent_at: now.toISOString(),
    expires_at: new Date(now.getTime() + Number(survey.valid_days ?? 30) * DAY).toISOString(),
    token_hash: hash,
    link: surveyLink(tenantSlug(ctx), token),
  }, sys);
};

/** 服务归档: an archived service case invites its contact to the after-case survey. */
export const caseArchived: AfterHook = async (event, ctx) => {
  if (event.transition !== 'archive') return;
  const c = event.data;
  await inviteToSurvey({ trigger: 'case_archived', link: { service_case: String(c.id) }, customer: String(c.customer), contact: c.contact as string | null, product: c.product as string | null, user: (c.handler ?? c.owner_id) as string | null }, ctx);
};

/** The order line with the largest amount: the product an order's NPS is counted for. */
const mainProduct = async (order: string, ctx: PluginRecordContext): Promise<string | null> => {
  const lines = await listRecords('order_line', { filter: { '==': [{ var: 'sales_order' }, order] }, sort: '-amount', limit: 1, fields: ['product'] }, withSystemRights(ctx));
  return (lines.data[0]?.product as string | undefined) ?? null;
};

/** 订单完成: a completed sales order invites the customer's contact to the after-order survey. */
export const orderCompleted: AfterHook = async (event, ctx) => {
  if (event.transition !== 'complete') return;
  const o = event.data;
  await inviteToSurvey({ trigger: 'order_completed', link: { sales_order: String(o.id) }, customer: String(o.customer), product: await mainProduct(String(o.id), ctx), user: o.owner_id as string | null }, ctx);
};
