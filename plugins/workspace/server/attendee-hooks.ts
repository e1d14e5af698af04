import { getRecord, invalidInput, updateRecord, type AfterHook, type BeforeHook } from '../../../core/index.js';
import { syncBusy } from './busy-sync.js';
import { invitationOf, isExternal } from './invitations.js';
import { isUuid, same, withSystemRights, zoneOf } from './shared.js';

/** An attendee is a user, a contact or an address; a contact's name and address are filled in from the contact. */
export const checkAttendee: BeforeHook = async (event, ctx) => {
  const a = { ...(event.old ?? {}), ...event.data };
  if (!a.staff && !a.contact && !a.email) throw invalidInput('An attendee is a user, a contact or an e-mail address', [{ field: 'staff', message: 'give a user, a contact or an e-mail address', code: 'REQUIRED' }]);
  if (isUuid(event.data.contact) && !same(event.data.contact, event.old?.contact)) {
    const contact = await getRecord('contact', event.data.contact, withSystemRights(ctx));
    if (!a.email && contact.email) event.data.email = contact.email;
    if (!a.name) event.data.name = contact.name ?? null;
  }
};

/** After an attendee changes: the appointment's busy slots; a new external attendee's invitation (its update sends the e-mail). */
export const afterAttendee: AfterHook = async (event, ctx) => {
  const appointmentId = String(event.data.appointment ?? event.old?.appointment);
  const moved = ['staff', 'contact', 'response', 'appointment'].some((f) => !same(event.data[f], event.old?.[f]));
  if (event.action !== 'update' || moved) await syncBusy(appointmentId, ctx);
  if (event.action === 'update' && event.old && !same(event.data.appointment, event.old.appointment)) await syncBusy(String(event.old.appointment), ctx);
  if (event.action === 'create' && isExternal(event.data)) {
    const sys = withSystemRights(ctx);
    const appointment = await getRecord('appointment', appointmentId, sys);
    await updateRecord('appointment_attendee', String(event.data.id), invitationOf(appointment, event.data, zoneOf(ctx)), sys);
  }
};
