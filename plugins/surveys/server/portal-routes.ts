import { problem, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { answerSurvey, describeSurvey, localeOf, stillOpen } from './answer-work.js';

const ROLES = ['survey_respondent'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in portal user's customer, or 401. */
const customerOf = (ctx: PluginRouteContext): string => {
  const customer = ctx.portalUser?.attributes.customer;
  if (typeof customer !== 'string' || !customer) throw problem('SURVEY_PORTAL_SIGN_IN');
  return customer;
};

/** A response of the portal user's customer (404 for any other: whose it is is not said). */
const ownResponse = async (id: string | undefined, ctx: PluginRouteContext): Promise<RecordData> => {
  const customer = customerOf(ctx);
  if (!id || !UUID.test(id)) throw problem('SURVEY_LINK_NOT_FOUND');
  const page = await ctx.records.list('survey_response', { filter: { and: [{ '==': [{ var: 'id' }, id] }, { '==': [{ var: 'customer' }, customer] }] }, limit: 1 });
  if (!page.data[0]) throw problem('SURVEY_LINK_NOT_FOUND');
  return stillOpen(page.data[0]);
};

/**
 * The portal's surveys, under /api/public/<tenant>/x/surveys/portal…, for a signed-in portal
 * user (their portal session; anonymous callers get 401): the open surveys of their company,
 * and each one shown and answered like a link's (see answerSurvey).
 */
export const portalRoutes: PluginRouteDef[] = [
  {
    method: 'GET',
    path: '/portal',
    public: true,
    portalSession: true,
    publicRoles: ROLES,
    async handler(req, ctx) {
      const customer = customerOf(ctx);
      const now = new Date().toISOString();
      const page = await ctx.records.list('survey_response', {
        filter: { and: [{ '==': [{ var: 'customer' }, customer] }, { '==': [{ var: 'status' }, 'pending'] }, { '>': [{ var: 'expires_at' }, now] }] },
        sort: '-sent_at', limit: 20, fields: ['id', 'code', 'survey', 'sent_at', 'expires_at', 'language'],
      });
      const locale = localeOf(req, 'zh-CN');
      return {
        data: await Promise.all(page.data.map(async (r) => ({ id: r.id, code: r.code, title: (await ctx.records.get('survey', String(r.survey), { fields: ['name'] })).name, sentAt: r.sent_at, expiresAt: r.expires_at, locale }))),
      };
    },
  },
  {
    method: 'GET',
    path: '/portal/:id',
    public: true,
    portalSession: true,
    publicRoles: ROLES,
    async handler(req, ctx) {
      const response = await ownResponse(req.params.id, ctx);
      return describeSurvey(response, localeOf(req, response.language), ctx);
    },
  },
  {
    method: 'POST',
    path: '/portal/:id',
    public: true,
    portalSession: true,
    publicRoles: ROLES,
    async handler(req, ctx) {
      return answerSurvey(await ownResponse(req.params.id, ctx), req.body, ctx);
    },
  },
];
