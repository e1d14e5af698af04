import { findConflicts, type Conflict, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { occurrencesOf } from './occurrences.js';
import { contactHolder, horizonOf, userHolder } from './shared.js';

/** Someone an appointment would keep busy, as the API takes them. */
export interface AttendeeInput {
  user?: string;
  contact?: string;
  email?: string;
  name?: string;
}

/** A conflict as the API answers it: who is busy, when, and with what (the subject only when the caller may read it). */
export interface ConflictAnswer {
  holder: string;
  start: string;
  end: string;
  appointment: { id: string; subject?: string };
  /** The occurrence of the proposed appointment it collides with. */
  at: { start: string; end: string };
}

/** The holders of a proposed appointment: its organiser and attendees. */
export const proposedHolders = (owner: string, attendees: AttendeeInput[]): string[] => [
  ...new Set([userHolder(owner), ...attendees.flatMap((a) => (a.user ? [userHolder(a.user)] : a.contact ? [contactHolder(a.contact)] : []))]),
];

/** Shapes conflicts for the caller: subjects of the appointments they may read, busy only for the rest. */
export const answerConflicts = async (conflicts: Conflict[], ctx: PluginRouteContext): Promise<ConflictAnswer[]> => {
  const ids = [...new Set(conflicts.map((c) => c.id))];
  const readable = new Map<string, RecordData>();
  if (ids.length) for (const r of (await ctx.records.list('appointment', { filter: { in: [{ var: 'id' }, ids] }, fields: ['id', 'subject'], limit: 500 })).data) readable.set(String(r.id), r);
  return conflicts.map((c) => ({
    holder: c.holder,
    start: c.start.toISOString(),
    end: c.end.toISOString(),
    appointment: { id: c.id, ...(readable.has(c.id) ? { subject: String(readable.get(c.id)!.subject) } : {}) },
    at: { start: c.at.start.toISOString(), end: c.at.end.toISOString() },
  }));
};

/**
 * The conflicts of an appointment (as it is or would be) with the busy time of its holders:
 * its occurrences within the horizon, expanded in the tenant's zone, joined in SQL with
 * the other appointments' stored occurrences.
 */
export const conflictsOf = async (appointment: RecordData, holders: string[], zone: string, ctx: PluginRouteContext, now = new Date()): Promise<ConflictAnswer[]> => {
  if (appointment.status === 'cancelled') return [];
  const { from, to } = horizonOf(now);
  const occurrences = occurrencesOf(appointment, zone, from, to);
  const except = appointment.id ? { entity: 'appointment', id: String(appointment.id) } : undefined;
  const found = await ctx.system((db) => findConflicts(db, { holders, occurrences, except }));
  return answerConflicts(found, ctx);
};
