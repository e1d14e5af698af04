import type { EntityDocument, FieldDefinition } from '../api/types.js';

/** System columns every record has, described as fields so they format like the others. */
const SYSTEM_FIELDS: Record<string, FieldDefinition> = {
  created_at: { type: 'datetime' } as FieldDefinition,
  updated_at: { type: 'datetime' } as FieldDefinition,
  owner_id: { type: 'user' } as FieldDefinition,
};

/** The field a path names (`customer.name` through the reference), or undefined. */
export const fieldAt = (entities: Record<string, EntityDocument>, entity: string, path: string): FieldDefinition | undefined => {
  const [head, ...rest] = path.split('.');
  const field = entities[entity]?.fields?.[head] ?? SYSTEM_FIELDS[head];
  if (!rest.length || !field) return field;
  return field.type === 'reference' ? fieldAt(entities, field.entity, rest.join('.')) : undefined;
};

/** An instant as the tenant's clock shows it: the time alone when it falls on `today`, else day and time. */
export const instantText = (value: unknown, locale: string, timeZone: string, today: string): string => {
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return day === today
    ? d.toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
};

/** A day (YYYY-MM-DD) in the user's language, e.g. "Monday, 7 December 2026". */
export const dayText = (day: string, locale: string): string => {
  const d = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(locale, { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
};
