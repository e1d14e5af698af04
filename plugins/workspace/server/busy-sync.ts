import { clearBusySlots, getRecord, isAppError, listRecords, writeBusySlots, type RecordContext, type RecordData } from '../../../core/index.js';
import { occurrencesOf } from './occurrences.js';
import { contactHolder, horizonOf, userHolder, withSystemRights, zoneOf } from './shared.js';

/** Who an appointment keeps busy: its organiser and every attendee (user or contact) who has not declined. */
export const holdersOf = (appointment: RecordData, attendees: RecordData[]): string[] => {
  const out = new Set<string>();
  if (appointment.owner_id) out.add(userHolder(String(appointment.owner_id)));
  for (const a of attendees) {
    if (a.response === 'declined') continue;
    if (a.staff) out.add(userHolder(String(a.staff)));
    else if (a.contact) out.add(contactHolder(String(a.contact)));
  }
  return [...out];
};

/** Every attendee of an appointment, read with full rights (the busy index covers all of them). */
export const attendeesOf = async (appointmentId: string, ctx: RecordContext): Promise<RecordData[]> =>
  (await listRecords('appointment_attendee', { filter: { '==': [{ var: 'appointment' }, appointmentId] }, limit: 500 }, withSystemRights(ctx))).data;

/**
 * Rewrites an appointment's busy slots in `_busy_slots`: each occurrence within the horizon
 * (90 days back, two years ahead) for each holder; none when it is cancelled or deleted.
 */
export const syncBusy = async (appointmentId: string, ctx: RecordContext): Promise<void> => {
  let appointment: RecordData | undefined;
  try {
    appointment = await getRecord('appointment', appointmentId, withSystemRights(ctx));
  } catch (e) {
    if (!isAppError(e) || e.status !== 404) throw e;
  }
  if (!appointment || appointment.status === 'cancelled') return clearBusySlots(ctx.db, 'appointment', appointmentId);
  const { from, to } = horizonOf(ctx.now ?? new Date());
  const occurrences = occurrencesOf(appointment, zoneOf(ctx), from, to);
  await writeBusySlots(ctx.db, { entity: 'appointment', id: appointmentId, holders: holdersOf(appointment, await attendeesOf(appointmentId, ctx)), occurrences, allDay: !!appointment.all_day });
};
