import type { Meta } from '../api/types.js';
import { labelOf } from '../lib/label.js';

/** A dictionary value's label in the reader's language (the value itself if the dictionary lacks it). */
export const dictionaryLabel = (meta: Meta | null | undefined, dictionary: string, value: unknown, locale: string): string => {
  const item = meta?.dictionaries?.[dictionary]?.items.find((i) => i.value === value);
  return item ? labelOf(item.label, locale, String(value)) : String(value ?? '');
};

/** A time of day on the tenant's clock. */
export const clockTime = (iso: string | null | undefined, zone: string, locale: string): string =>
  iso ? new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone }).format(new Date(iso)) : '';

/** A day heading on the tenant's calendar: weekday and date. */
export const dayHeading = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
