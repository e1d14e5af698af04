import { invalidInput, problem, readTenantSettings, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { answerConflicts, conflictsOf, proposedHolders, type AttendeeInput, type ConflictAnswer } from './conflicts.js';
import { attendeesParam } from './parse.js';
import { holdersOf } from './busy-sync.js';
import { isUuid } from './shared.js';

const WHY = 'conflicts are a range join of the proposed occurrences with the busy-time index (_busy_slots), and the zone is read from the settings';

/** The tenant's zone, for a route. */
export const routeZone = async (ctx: PluginRouteContext): Promise<string> => (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;

const bodyOf = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidInput('The body is an object', [{ field: '', message: 'must be an object', code: 'INVALID_TYPE' }]);
  return body as Record<string, unknown>;
};

/** 409 SCHEDULE_CONFLICT when asked to refuse conflicts (`strict`) and there are some; the transaction is undone. */
const refuseIfStrict = (strict: unknown, conflicts: ConflictAnswer[]): void => {
  if (strict === true && conflicts.length) throw problem('SCHEDULE_CONFLICT', { count: String(conflicts.length) }, { conflicts } as never);
};

const attendeesOfRecord = async (id: string, ctx: PluginRouteContext): Promise<RecordData[]> =>
  (await ctx.records.list('appointment_attendee', { filter: { '==': [{ var: 'appointment' }, id] }, limit: 500 })).data;

/** POST /appointments/check: the conflicts a proposed appointment would have, without saving anything. */
const check: PluginRouteDef = {
  method: 'POST',
  path: '/appointments/check',
  systemAccess: WHY,
  async handler(req, ctx) {
    const b = bodyOf(req.body);
    const attendees = attendeesParam(b.attendees);
    const problems = [];
    for (const f of ['starts_at', 'ends_at']) if (typeof b[f] !== 'string' || Number.isNaN(Date.parse(String(b[f])))) problems.push({ field: f, message: 'must be a date and time', code: 'INVALID_DATE' });
    if (b.id !== undefined && !isUuid(b.id)) problems.push({ field: 'id', message: 'must be a record id', code: 'INVALID_ID' });
    if (problems.length) throw invalidInput('The appointment is not valid', problems);
    const owner = typeof b.owner_id === 'string' && isUuid(b.owner_id) ? b.owner_id : ctx.actor.id;
    const conflicts = await conflictsOf(b, proposedHolders(owner, attendees), await routeZone(ctx), ctx);
    return { conflicts };
  },
};

/**
 * POST /appointments: saves an appointment with its attendees in one transaction and
 * answers its conflicts (a warning); with `strict: true` a conflict refuses the save (409).
 */
const create: PluginRouteDef = {
  method: 'POST',
  path: '/appointments',
  systemAccess: WHY,
  async handler(req, ctx) {
    const { attendees: rawAttendees, strict, ...fields } = bodyOf(req.body);
    const attendees: AttendeeInput[] = attendeesParam(rawAttendees);
    const appointment = await ctx.records.create('appointment', fields);
    const saved: RecordData[] = [];
    for (const { user, ...a } of attendees) saved.push(await ctx.records.create('appointment_attendee', { ...a, ...(user ? { staff: user } : {}), appointment: appointment.id }));
    const conflicts = await conflictsOf(appointment, holdersOf(appointment, saved), await routeZone(ctx), ctx);
    refuseIfStrict(strict, conflicts);
    return { appointment, attendees: saved, conflicts };
  },
};

/** PATCH /appointments/:id: changes an appointment (a move or resize in the calendar) and answers its conflicts; `strict` refuses them. */
const update: PluginRouteDef = {
  method: 'PATCH',
  path: '/appointments/:id',
  systemAccess: WHY,
  async handler(req, ctx) {
    if (!isUuid(req.params.id)) throw invalidInput('Not a record id', [{ field: 'id', message: 'must be a record id', code: 'INVALID_ID' }]);
    const { strict, version, ...patch } = bodyOf(req.body);
    const appointment = await ctx.records.update('appointment', req.params.id, patch, typeof version === 'number' ? { ifMatch: version } : {});
    const conflicts = await conflictsOf(appointment, holdersOf(appointment, await attendeesOfRecord(req.params.id, ctx)), await routeZone(ctx), ctx);
    refuseIfStrict(strict, conflicts);
    return { appointment, conflicts };
  },
};

export const appointmentRoutes = [check, create, update];
export { answerConflicts };
