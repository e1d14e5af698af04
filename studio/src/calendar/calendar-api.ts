import { api } from '../api/http.js';

/** One entry of the calendar route: an occurrence of an appointment, or a task at its due time. */
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

/** A conflict: who is busy, when, with what (the subject only when readable). */
export interface Conflict {
  holder: string;
  start: string;
  end: string;
  appointment: { id: string; subject?: string };
  at: { start: string; end: string };
}

export interface TeamMember {
  id: string;
  busy: { start: string; end: string }[];
  items: CalendarItem[];
}

/** A proposed or saved appointment as the workspace routes take it. */
export interface AppointmentInput {
  subject?: string;
  starts_at: string;
  ends_at: string;
  all_day?: boolean;
  recurrence?: string | null;
  location?: string | null;
  reminder_minutes?: number | null;
  attendees?: { user?: string; contact?: string; email?: string }[];
}

const BASE = '/api/x/workspace';

export const loadCalendar = (from: Date, to: Date, users?: string[]) =>
  api.get<{ data: CalendarItem[] }>(`${BASE}/calendar`, { from: from.toISOString(), to: to.toISOString(), users: users?.join(',') });
export const loadTeam = (team: string, from: Date, to: Date) =>
  api.get<{ team: string; members: TeamMember[] }>(`${BASE}/team-calendar`, { team, from: from.toISOString(), to: to.toISOString() });
export const checkConflicts = (input: AppointmentInput) => api.post<{ conflicts: Conflict[] }>(`${BASE}/appointments/check`, input);
export const saveAppointment = (input: AppointmentInput & { subject: string }) => api.post<{ appointment: { id: string }; conflicts: Conflict[] }>(`${BASE}/appointments`, input);
export const moveAppointment = (id: string, starts_at: string, ends_at: string) => api.patch<{ conflicts: Conflict[] }>(`${BASE}/appointments/${id}`, { starts_at, ends_at });
