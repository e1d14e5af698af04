/** A calendar day (`YYYY-MM-DD`, already the tenant's day) as the reader writes dates. */
export const dayText = (day: string, locale: string): string => new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', dateStyle: 'medium' });
