import { icalText, listRecords, updateRecord, type IcalEvent, type IcalPerson, type RecordContext, type RecordData } from '../../../core/index.js';
import { eventOf } from './occurrences.js';
import { withSystemRights, zoneOf } from './shared.js';

export const PROD_ID = '-//CRM//Workspace calendar//EN';

const PARTSTAT: Record<string, IcalPerson['partstat']> = { needs_action: 'NEEDS-ACTION', accepted: 'ACCEPTED', tentative: 'TENTATIVE', declined: 'DECLINED' };

/** An attendee as iCalendar names them (null without an address). */
export const icalAttendee = (a: RecordData): IcalPerson | null =>
  a.email ? { email: String(a.email), ...(a.name ? { name: String(a.name) } : {}), partstat: PARTSTAT[String(a.response ?? 'needs_action')] ?? 'NEEDS-ACTION' } : null;

/** An appointment as a VEVENT: its uid is the record id, its sequence the record's version. */
export const icalEventOf = (a: RecordData, zone: string, attendees: RecordData[] = []): IcalEvent => ({
  ...eventOf(a, zone),
  uid: `${a.id}@crm`,
  summary: String(a.subject ?? ''),
  description: (a.description as string | null) ?? null,
  location: (a.location as string | null) ?? null,
  attendees: attendees.map(icalAttendee).filter((p): p is IcalPerson => !!p),
  stamp: new Date(String(a.updated_at ?? a.created_at ?? Date.now())),
  sequence: Number(a.version ?? 1),
  cancelled: a.status === 'cancelled',
});

/** The invitation e-mailed to an attendee: a METHOD:REQUEST calendar with the one event, and its subject line. */
export const invitationOf = (appointment: RecordData, attendee: RecordData, zone: string): { invitation: string; invitation_subject: string } => {
  const cancelled = appointment.status === 'cancelled';
  const invitation = icalText({ prodId: PROD_ID, method: cancelled ? 'CANCEL' : 'REQUEST', events: [icalEventOf(appointment, zone, [attendee])] });
  const when = new Date(String(appointment.starts_at)).toLocaleString('zh-CN', { timeZone: zone, dateStyle: 'medium', timeStyle: appointment.all_day ? undefined : 'short' });
  const invitation_subject = `${cancelled ? 'Cancelled / 已取消' : 'Invitation / 邀请'}: ${appointment.subject} (${when})`;
  return { invitation, invitation_subject };
};

/** Whether an attendee is someone outside (an address and no user account), who gets invitations by e-mail. */
export const isExternal = (a: RecordData): boolean => !!a.email && !a.staff;

/** Writes a fresh invitation on each external attendee of a changed appointment (its update sends the e-mail). */
export const refreshInvitations = async (appointment: RecordData, ctx: RecordContext): Promise<void> => {
  const sys = withSystemRights(ctx);
  const { data } = await listRecords('appointment_attendee', { filter: { '==': [{ var: 'appointment' }, appointment.id] }, limit: 500 }, sys);
  for (const a of data.filter(isExternal)) await updateRecord('appointment_attendee', String(a.id), invitationOf(appointment, a, zoneOf(ctx)), sys);
};
