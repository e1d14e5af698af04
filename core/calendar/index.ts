/**
 * core/calendar: time people are busy. Expands repeating events (RRULE on a zone's wall
 * clock, with exceptions) into occurrences, keeps each record's occurrences per holder in
 * `_busy_slots` for a horizon so conflicts and free/busy are one SQL range query, and
 * writes iCalendar text (RFC 5545) for feeds and invitations.
 */
export { expandOccurrences, floatingOf, instantOf, parseRule, MAX_OCCURRENCES, type Occurrence, type RepeatingEvent } from './expand-occurrences.js';
export { writeBusySlots, clearBusySlots, findConflicts, busySlots, mergeBusy, type BusySlot, type BusySource, type Conflict, type Holder } from './busy-slots.js';
export { icalText, escapeText, foldLine, vtimezone, type IcalCalendar, type IcalEvent, type IcalPerson } from './ical.js';
