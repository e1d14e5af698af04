import { problem, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { DEFAULT_DEDUPE_MINUTES, describeLandingPage, type LandingPageDoc } from './landing-pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const filled = (v: unknown): boolean => typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null;

const pageOf = (pages: ReadonlyMap<string, LandingPageDoc>, name: string | undefined, ctx: PluginRouteContext): LandingPageDoc => {
  const doc = name ? pages.get(name) : undefined;
  if (!doc || !ctx.meta.entities.lead) throw problem('PORTAL_LANDING_NOT_FOUND');
  return doc;
};

/** The campaign's id when the tenant has campaigns and the lead a `source_campaign` field; else nothing. */
export const campaignOf = async (doc: LandingPageDoc, ctx: PluginRouteContext): Promise<string | undefined> => {
  const campaign = ctx.meta.entities.campaign;
  if (!doc.campaign || !campaign || !ctx.meta.entities.lead.fields.source_campaign) return undefined;
  if (UUID.test(doc.campaign)) return doc.campaign;
  if (!campaign.fields.name) return undefined;
  const row = await ctx.system((db) => db('campaign').where({ name: doc.campaign }).whereNull('deleted_at').first('id'));
  return row?.id as string | undefined;
};

/** The submitted values of the page's form fields (strings trimmed, empty ones left out), or 400 naming every missing required field. */
const formValues = (doc: LandingPageDoc, body: Record<string, unknown>): RecordData => {
  const values: RecordData = {};
  const missing: string[] = [];
  for (const f of doc.form.fields) {
    const raw = body[f.field];
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (filled(v)) values[f.field] = f.field === 'email' && typeof v === 'string' ? v.toLowerCase() : v;
    else if (f.required) missing.push(f.field);
  }
  if (missing.length) throw problem('PORTAL_LANDING_REQUIRED', { fields: missing.join(', ') }, { errors: missing.map((field) => ({ field, message: 'is required' })) });
  return values;
};

/** A lead with this e-mail came from a landing page within the window. */
const seenRecently = async (email: string, minutes: number, ctx: PluginRouteContext): Promise<boolean> => {
  if (minutes <= 0) return false;
  const since = new Date(Date.now() - minutes * 60_000).toISOString();
  const page = await ctx.records.list('lead', { filter: { and: [{ '==': [{ var: 'email' }, email] }, { '>=': [{ var: 'created_at' }, since] }] }, limit: 1, fields: ['id'] });
  return page.data.length > 0;
};

/**
 * Landing pages, anonymous under /api/public/<tenant>/x/portal/landing/<page> (the tenant's
 * public switch and per-address rate limit apply): GET describes the page, POST submits its
 * form. A filled honeypot and a repeated e-mail within the page's window answer like a
 * success and store nothing; otherwise a lead is created as the page's actor (role
 * `landing_page_lead`), which the lead-assignment workflow then assigns.
 */
export const landingRoutes = (pages: ReadonlyMap<string, LandingPageDoc>): PluginRouteDef[] => [
  {
    method: 'GET',
    path: '/landing/:page',
    public: true,
    publicRoles: ['landing_page_lead'],
    async handler(req, ctx) {
      return describeLandingPage(pageOf(pages, req.params.page, ctx), ctx.meta);
    },
  },
  {
    method: 'POST',
    path: '/landing/:page',
    public: true,
    publicRoles: ['landing_page_lead'],
    bodyLimit: 16 * 1024,
    systemAccess: "find a landing page's campaign by its name (the page's actor cannot read campaigns)",
    async handler(req, ctx) {
      const doc = pageOf(pages, req.params.page, ctx);
      const body = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem('PORTAL_LANDING_NOT_OBJECT', {}, { errors: [{ field: '', message: 'must be an object' }] });
      const answer = { ok: true, message: doc.form.successMessage };
      if (filled((body as Record<string, unknown>)[doc.form.honeypot])) return answer;
      const values = formValues(doc, body as Record<string, unknown>);
      if (await seenRecently(String(values.email), doc.dedupeMinutes ?? DEFAULT_DEDUPE_MINUTES, ctx)) return answer;
      const campaign = await campaignOf(doc, ctx);
      await ctx.records.create('lead', { ...doc.defaults, ...values, landing_page: doc.name, ...(campaign && { source_campaign: campaign }) });
      return answer;
    },
  },
];
