import { addDays, invalidInput, readTenantSettings, startOfDayIn, todayIn, type PluginRouteContext, type RecordData } from '../../../core/index.js';

/** Why the board routes read the tenant's settings with raw SQL: the time zone their days are cut in. */
export const ZONE_ACCESS = 'reads the tenant time zone to cut the board and the engineer’s day into local days';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ORDER_FIELDS = ['id', 'version', 'number', 'subject', 'status', 'engineer', 'scheduled_start', 'scheduled_end', 'started_at', 'finished_at', 'territory', 'required_skill', 'required_level', 'address', 'customer', 'customer.name', 'travel_minutes', 'work_minutes', 'warehouse', 'signature', 'photos', 'report'];

export const zoneOf = async (ctx: PluginRouteContext): Promise<string> => (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** `from` (a local date, default today) and `days` (1–31, default 7) of the board's query, or a 422 naming the bad one. */
export const parseRange = (query: Record<string, string | string[] | undefined>, today: string): { from: string; days: number } => {
  const from = first(query.from) ?? today;
  const days = Number(first(query.days) ?? 7);
  const errors = [];
  if (!DATE.test(from) || Number.isNaN(Date.parse(from))) errors.push({ field: 'from', message: 'must be a date (YYYY-MM-DD)' });
  if (!Number.isInteger(days) || days < 1 || days > 31) errors.push({ field: 'days', message: 'must be a whole number from 1 to 31' });
  if (errors.length) throw invalidInput('The board range is not valid', errors);
  return { from, days };
};

/**
 * The dispatch board (GET /api/x/fieldservice/board?from=&days=): the active engineers the
 * user may read with their skills, the open and finished work orders scheduled in the days
 * (the tenant's zone), and the unassigned new ones — all under the user's record scope.
 */
export const dispatchBoard = async (query: Record<string, string | string[] | undefined>, ctx: PluginRouteContext) => {
  const zone = await zoneOf(ctx);
  const { from, days } = parseRange(query, todayIn(zone, new Date()));
  const start = startOfDayIn(from, zone).toISOString();
  const end = startOfDayIn(addDays(from, days), zone).toISOString();
  const { data: engineers } = await ctx.records.list('engineer', { filter: { '!=': [{ var: 'active' }, false] }, fields: ['id', 'name', 'territories', 'login_user'], sort: 'name', limit: 200 });
  const ids = engineers.map((e) => String(e.id));
  const { data: skills } = ids.length ? await ctx.records.list('engineer_skill', { filter: { in: [{ var: 'engineer' }, ids] }, fields: ['engineer', 'skill', 'level'], limit: 500 }) : { data: [] as RecordData[] };
  const scheduled = { and: [{ '!!': { var: 'engineer' } }, { '<': [{ var: 'scheduled_start' }, end] }, { '>': [{ var: 'scheduled_end' }, start] }, { '!=': [{ var: 'status' }, 'cancelled'] }] };
  const { data: orders } = await ctx.records.list('work_order', { filter: scheduled, fields: ORDER_FIELDS, sort: 'scheduled_start', limit: 500 });
  const { data: unassigned, total } = await ctx.records.list('work_order', { filter: { '==': [{ var: 'status' }, 'new'] }, fields: ORDER_FIELDS, sort: 'number', limit: 100, total: true });
  return {
    from,
    days,
    timeZone: zone,
    engineers: engineers.map((e) => ({ ...e, skills: skills.filter((s) => String(s.engineer) === String(e.id)).map((s) => ({ skill: s.skill, level: s.level })) })),
    orders,
    unassigned,
    unassignedTotal: total ?? unassigned.length,
  };
};

/**
 * The engineer's day (GET /api/x/fieldservice/my-day?date=): the signed-in user's engineer
 * record and their work orders scheduled that local day (default today), in order, with the
 * parts used on them.
 */
export const myDay = async (query: Record<string, string | string[] | undefined>, ctx: PluginRouteContext) => {
  const zone = await zoneOf(ctx);
  const { from: date } = parseRange({ from: query.date, days: '1' }, todayIn(zone, new Date()));
  const { data: mine } = await ctx.records.list('engineer', { filter: { '==': [{ var: 'login_user' }, ctx.actor.id] }, fields: ['id', 'name'], limit: 1 });
  const engineer = mine[0] ?? null;
  if (!engineer) return { date, timeZone: zone, engineer: null, orders: [], parts: [] };
  const start = startOfDayIn(date, zone).toISOString();
  const end = startOfDayIn(addDays(date, 1), zone).toISOString();
  const filter = { and: [{ '==': [{ var: 'engineer' }, engineer.id] }, { '<': [{ var: 'scheduled_start' }, end] }, { '>=': [{ var: 'scheduled_start' }, start] }, { '!=': [{ var: 'status' }, 'cancelled'] }] };
  const { data: orders } = await ctx.records.list('work_order', { filter, fields: ORDER_FIELDS, sort: 'scheduled_start', limit: 100 });
  const ids = orders.map((o) => String(o.id));
  const { data: parts } = ids.length ? await ctx.records.list('work_order_part', { filter: { in: [{ var: 'work_order' }, ids] }, fields: ['id', 'work_order', 'product', 'product.name', 'quantity'], limit: 500 }) : { data: [] as RecordData[] };
  return { date, timeZone: zone, engineer, orders, parts };
};
