import { randomBytes } from 'node:crypto';
import { icalText, invalidInput, notFound, readTenantSettings, textAnswer, type BeforeHook, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { icalEventOf, PROD_ID } from './invitations.js';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/** A feed's secret is always made here (32 random bytes), whatever was sent: on creation and on every change. */
export const newFeedSecret: BeforeHook = (event) => {
  event.data.token = randomBytes(32).toString('base64url');
};

const feedPath = (ctx: PluginRouteContext, token: string): string => `/api/public/${ctx.tenant.slug}/x/workspace/feed/${token}.ics`;

const myFeed = async (ctx: PluginRouteContext): Promise<RecordData | undefined> =>
  (await ctx.records.list('calendar_feed', { filter: { '==': [{ var: 'subscriber' }, ctx.actor.id] }, limit: 1 })).data[0];

/** POST /feed: the caller's secret feed address (made on first use); `renew: true` replaces the secret, so the old address stops working. */
const makeFeed: PluginRouteDef = {
  method: 'POST',
  path: '/feed',
  async handler(req, ctx) {
    const renew = (req.body as { renew?: unknown } | undefined)?.renew === true;
    let feed = await myFeed(ctx);
    if (!feed) feed = await ctx.records.create('calendar_feed', { subscriber: ctx.actor.id, token: 'new' });
    else if (renew) feed = await ctx.records.update('calendar_feed', String(feed.id), { token: 'new' }, { ifMatch: Number(feed.version) });
    return { path: feedPath(ctx, String(feed.token)) };
  },
};

/**
 * GET /feed/:token.ics (public): the feed owner's appointments (organised or attended, not
 * declined) as an iCalendar text, read as the feed's system actor (role calendar_feed_reader).
 */
const readFeed: PluginRouteDef = {
  method: 'GET',
  path: '/feed/:file',
  public: true,
  publicRoles: ['calendar_feed_reader'],
  systemAccess: 'the tenant zone is read from the settings',
  async handler(req, ctx) {
    const token = req.params.file.replace(/\.ics$/, '');
    if (!TOKEN.test(token)) throw invalidInput('Not a feed address', [{ field: 'token', message: 'is not a feed secret', code: 'INVALID_ID' }]);
    const feed = (await ctx.records.list('calendar_feed', { filter: { '==': [{ var: 'token' }, token] }, limit: 1 })).data[0];
    if (!feed) throw notFound('No such calendar feed');
    const user = String(feed.subscriber);
    const attended = (await ctx.records.list('appointment_attendee', { filter: { and: [{ '==': [{ var: 'staff' }, user] }, { '!=': [{ var: 'response' }, 'declined'] }] }, fields: ['appointment'], limit: 500 })).data.map((r) => String(r.appointment));
    const filter = { or: [{ '==': [{ var: 'owner_id' }, user] }, ...(attended.length ? [{ in: [{ var: 'id' }, attended] }] : [])] };
    const appointments = (await ctx.records.list('appointment', { filter, sort: '-starts_at', limit: 500 })).data;
    const zone = (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;
    return textAnswer('text/calendar; charset=utf-8', icalText({ prodId: PROD_ID, name: 'CRM', events: appointments.map((a) => icalEventOf(a, zone)) }));
  },
};

export const feedRoutes = [makeFeed, readFeed];
