import { createPlugin } from '@fullcalendar/core';
import { NamedTimeZoneImpl } from '@fullcalendar/core/internal';
import { TZDate } from '@date-fns/tz';

/**
 * FullCalendar's named time zones through @date-fns/tz (the zone library core/time uses),
 * so the calendar lays out days and hours in the tenant's zone, not the browser's.
 * Arrays are [year, month 0-11, day, hour, minute, second, ms]; offsets are minutes east of UTC.
 */
class TenantZone extends NamedTimeZoneImpl {
  offsetForArray(a: number[]): number {
    const [y, mo = 0, d = 1, h = 0, mi = 0, s = 0, ms = 0] = a;
    return -new TZDate(y, mo, d, h, mi, s, ms, this.timeZoneName).getTimezoneOffset();
  }

  timestampToArray(ms: number): number[] {
    const d = new TZDate(ms, this.timeZoneName);
    return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  }
}

export const tenantZonePlugin = createPlugin({ name: 'tenant-zone', namedTimeZonedImpl: TenantZone });

/** The wall clock in the zone ('YYYY-MM-DDTHH:mm:ss') of an instant: what a date picker shows. */
export const wallClock = (instant: Date, zone: string): string => {
  const d = new TZDate(instant.getTime(), zone);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** The instant at which the zone's wall clock reads the picker's 'YYYY-MM-DDTHH:mm:ss'. */
export const fromWallClock = (wall: string, zone: string): Date => {
  const [date, time = '00:00:00'] = wall.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, h || 0, mi || 0, s || 0, zone).getTime());
};
