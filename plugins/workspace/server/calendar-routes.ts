import { busySlots, invalidInput, mergeBusy, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { routeZone } from './appointment-routes.js';
import { occurrencesOf } from './occurrences.js';
import { idsParam, windowParam } from './parse.js';
import { contactHolder, userHolder } from './shared.js';

const WHY = 'free/busy is a range query over the busy-time index (_busy_slots), team members come from the users mirror (_users)';

/** One entry of a calendar: an occurrence of an appointment, or a task on its due time. */
export interface CalendarItem {
  kind: 'appointment' | 'task';
  id: string;
  title: string;
  start: string;
  end: string | null;
  allDay: boolean;
  recurring: boolean;
  owner: string | null;
  status: string | null;
}

const MAX_ITEMS = 2000;

/** The appointments (each occurrence in the window) and tasks the caller may read, optionally only of some users. */
export const calendarItems = async (ctx: PluginRouteContext, window: { from: Date; to: Date }, zone: string, users?: string[]): Promise<CalendarItem[]> => {
  const byUser = (field: string) => (users?.length ? [{ in: [{ var: field }, users] }] : []);
  const appointments: RecordData[] = (
    await ctx.records.list('appointment', {
      filter: { and: [{ '!=': [{ var: 'status' }, 'cancelled'] }, { or: [{ '!!': [{ var: 'recurrence' }] }, { and: [{ '<': [{ var: 'starts_at' }, window.to.toISOString()] }, { '>': [{ var: 'ends_at' }, window.from.toISOString()] }] }] }, ...byUser('owner_id')] },
      limit: 500,
      sort: 'starts_at',
    })
  ).data;
  const items: CalendarItem[] = [];
  for (const a of appointments) {
    for (const o of occurrencesOf(a, zone, window.from, window.to)) {
      items.push({ kind: 'appointment', id: String(a.id), title: String(a.subject), start: o.start.toISOString(), end: o.end.toISOString(), allDay: !!a.all_day, recurring: !!a.recurrence, owner: (a.owner_id as string) ?? null, status: (a.status as string) ?? null });
    }
  }
  const tasks = await ctx.records.list('task', {
    filter: { and: [{ '>=': [{ var: 'due' }, window.from.toISOString()] }, { '<': [{ var: 'due' }, window.to.toISOString()] }, ...byUser('assignee')] },
    limit: 500,
    sort: 'due',
  });
  for (const t of tasks.data) items.push({ kind: 'task', id: String(t.id), title: String(t.title), start: new Date(String(t.due)).toISOString(), end: null, allDay: false, recurring: false, owner: (t.assignee as string) ?? null, status: (t.status as string) ?? null });
  return items.sort((x, y) => x.start.localeCompare(y.start)).slice(0, MAX_ITEMS);
};

/** GET /calendar?from&to[&users=]: the caller's calendar items in the window (appointments expanded, tasks by due time). */
const calendar: PluginRouteDef = {
  method: 'GET',
  path: '/calendar',
  systemAccess: 'the tenant zone is read from the settings',
  async handler(req, ctx) {
    const window = windowParam(req.query, 100);
    const users = req.query.users !== undefined ? idsParam(req.query.users, 'users') : undefined;
    return { data: await calendarItems(ctx, window, await routeZone(ctx), users) };
  },
};

/** Free/busy of holders in a window: merged busy intervals only, never what they are. */
const freeBusyOf = async (ctx: PluginRouteContext, holders: string[], window: { from: Date; to: Date }) => {
  const slots = await ctx.system((db) => busySlots(db, { holders, ...window }));
  return Object.fromEntries(holders.map((h) => [h, mergeBusy(slots.filter((s) => s.holder === h)).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() }))]));
};

/** GET /free-busy?from&to&users=&contacts=: when each is busy (merged intervals), for anyone. */
const freeBusy: PluginRouteDef = {
  method: 'GET',
  path: '/free-busy',
  systemAccess: WHY,
  async handler(req, ctx) {
    const window = windowParam(req.query);
    const holders = [...idsParam(req.query.users, 'users').map(userHolder), ...idsParam(req.query.contacts, 'contacts').map(contactHolder)];
    if (!holders.length || holders.length > 100) throw invalidInput('Name 1 to 100 users or contacts', [{ field: 'users', message: 'name 1 to 100 users or contacts', code: 'REQUIRED' }]);
    return { data: await freeBusyOf(ctx, holders, window) };
  },
};

/**
 * GET /team-calendar?team&from&to: a team's members, each with their free/busy and the
 * calendar items of theirs the caller may read (details only there: the record scope decides).
 */
const teamCalendar: PluginRouteDef = {
  method: 'GET',
  path: '/team-calendar',
  systemAccess: WHY,
  async handler(req, ctx) {
    const window = windowParam(req.query, 100);
    const team = typeof req.query.team === 'string' ? req.query.team.trim() : '';
    if (!team || team.length > 100) throw invalidInput('Name a team', [{ field: 'team', message: 'is required', code: 'REQUIRED' }]);
    const members = await ctx.system(async (db) => (await db('_users').where({ team, active: true }).orderBy('id').select('id')).map((r) => String(r.id)));
    const busy = await freeBusyOf(ctx, members.map(userHolder), window);
    const items = members.length ? await calendarItems(ctx, window, await routeZone(ctx), members) : [];
    return {
      team,
      members: members.map((id) => ({ id, busy: busy[userHolder(id)] ?? [], items: items.filter((i) => i.owner === id) })),
    };
  },
};

export const calendarRoutes = [calendar, freeBusy, teamCalendar];
