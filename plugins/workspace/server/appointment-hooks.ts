import { addDays, invalidInput, localDateOf, parseRule, startOfDayIn, type AfterHook, type BeforeHook, type FieldProblem, type RecordData } from '../../../core/index.js';
import { syncBusy } from './busy-sync.js';
import { refreshInvitations } from './invitations.js';
import { nextReminder } from './reminders.js';
import { same, zoneOf } from './shared.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Fields whose change moves an appointment's time (busy slots, reminder, invitations). */
const TIMING = ['starts_at', 'ends_at', 'all_day', 'recurrence', 'exceptions', 'status', 'reminder_minutes', 'reminded_for'];
const SHOWN = ['subject', 'location', 'description', 'starts_at', 'ends_at', 'all_day', 'recurrence', 'exceptions', 'status'];

/** The record as it will be: the stored one with the change applied. */
const merged = (data: RecordData, old?: RecordData): RecordData => ({ ...(old ?? {}), ...data });

/**
 * Checks and completes an appointment before it is written: it ends after it starts, an
 * all-day one spans whole days of the tenant's zone, its repeat rule is a valid RRULE and
 * its skipped dates are dates; sets the next reminder time (remind_at).
 */
export const checkAppointment: BeforeHook = (event, ctx) => {
  const zone = zoneOf(ctx);
  const a = merged(event.data, event.old);
  const problems: FieldProblem[] = [];
  if (a.all_day && a.starts_at && (event.data.starts_at !== undefined || event.data.ends_at !== undefined || event.data.all_day !== undefined)) {
    const first = localDateOf(new Date(String(a.starts_at)), zone);
    const endsAt = a.ends_at ? new Date(String(a.ends_at)) : new Date(String(a.starts_at));
    const last = localDateOf(new Date(endsAt.getTime() - 1), zone);
    event.data.starts_at = startOfDayIn(first, zone).toISOString();
    event.data.ends_at = startOfDayIn(addDays(last < first ? first : last, 1), zone).toISOString();
    Object.assign(a, { starts_at: event.data.starts_at, ends_at: event.data.ends_at });
  }
  if (a.starts_at && a.ends_at && new Date(String(a.ends_at)) <= new Date(String(a.starts_at))) problems.push({ field: 'ends_at', message: 'must be after the start', code: 'ENDS_BEFORE_START' });
  if (a.recurrence) {
    try {
      parseRule(String(a.recurrence), new Date(String(a.starts_at)));
    } catch {
      problems.push({ field: 'recurrence', message: 'is not a valid RRULE (e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10)', code: 'INVALID_RECURRENCE' });
    }
  }
  const bad = String(a.exceptions ?? '').split(/[\s,]+/).filter((d) => d && !DATE.test(d));
  if (bad.length) problems.push({ field: 'exceptions', message: `must be dates YYYY-MM-DD (not ${bad.slice(0, 3).join(', ')})`, code: 'INVALID_DATE' });
  if (problems.length) throw invalidInput('The appointment is not valid', problems);
  const remindAt = nextReminder(a, zone, ctx.now ?? new Date());
  if (!same(remindAt, event.old?.remind_at)) event.data.remind_at = remindAt;
};

/** After an appointment is written: its busy slots, and the invitations of external attendees when what they see changed. */
export const afterAppointment: AfterHook = async (event, ctx) => {
  const id = String(event.data.id);
  const changed = (fields: string[]) => event.action !== 'update' || fields.some((f) => !same(event.data[f], event.old?.[f]));
  if (changed(TIMING)) await syncBusy(id, ctx);
  if (event.action === 'update' && changed(SHOWN)) await refreshInvitations(event.data, ctx);
};

/** After an appointment is deleted or restored: its busy slots follow. */
export const afterAppointmentRemoval: AfterHook = async (event, ctx) => syncBusy(String(event.data.id), ctx);
