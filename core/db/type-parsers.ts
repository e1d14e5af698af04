/**
 * One JSON shape for values read from either backend: numbers for int8 and numeric,
 * `YYYY-MM-DD` strings for dates and ISO-8601 strings for timestamps.
 */
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

const toIso = (text: string): string => {
  // Postgres prints "2024-05-01 10:00:00.123+00"; Date understands it once it has a T.
  const normalised = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(normalised);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
};

export const textParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: (t) => Number(t),
  [OID.numeric]: (t) => Number(t),
  [OID.date]: (t) => t,
  [OID.timestamp]: (t) => toIso(t.endsWith('Z') ? t : `${t}Z`),
  [OID.timestamptz]: toIso,
};
