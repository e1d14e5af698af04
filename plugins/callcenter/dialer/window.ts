/** The callee's wall-clock time, "HH:MM", in their IANA zone. */
export const localTime = (now: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(now));

/** Whether `now` falls in [from, to) on the callee's clock (a window past midnight, e.g. 22:00–02:00, wraps). */
export const inCallingWindow = (now: number, timeZone: string, from: string, to: string): boolean => {
  const t = localTime(now, timeZone);
  return from <= to ? t >= from && t < to : t >= from || t < to;
};

/** The callee's zone: the entry's own, else the zone of the number's country where it has one, else Beijing time. */
export const calleeZone = (phone: string, zone?: string | null): string => {
  if (zone) return zone;
  if (phone.startsWith('+1')) return 'America/New_York';
  if (phone.startsWith('+44')) return 'Europe/London';
  if (phone.startsWith('+81')) return 'Asia/Tokyo';
  return 'Asia/Shanghai';
};
