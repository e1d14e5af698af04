import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, monthGrid, rangeFilter, recordsByDay, weekRange } from './calendar-range.js';

describe('calendar ranges', () => {
  it('covers a month in whole weeks starting on Sunday or Monday', () => {
    const sun = monthGrid('2026-11-18', 0);
    expect(sun.from).toBe('2026-11-01');
    expect(sun.days).toHaveLength(35);
    expect(sun.to).toBe('2026-12-06');
    const mon = monthGrid('2026-11-18', 1);
    expect(mon.from).toBe('2026-10-26');
    expect(mon.days).toHaveLength(42);
    expect(mon.days.at(-1)).toBe('2026-12-06');
    expect(monthGrid('2026-02-10', 0).days).toHaveLength(28);
  });

  it('moves by months across year ends and gives the week of a day', () => {
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
    expect(weekRange('2026-11-18', 1)).toMatchObject({ from: '2026-11-16', to: '2026-11-23' });
  });

  it('filters a date field to the range and a span to what overlaps it', () => {
    expect(rangeFilter({ from: '2026-11-01', to: '2026-12-06' }, { dateField: 'due', datetime: false })).toEqual({ and: [{ '>=': [{ var: 'due' }, '2026-11-01'] }, { '<': [{ var: 'due' }, '2026-12-06'] }] });
    const span = rangeFilter({ from: '2026-11-01', to: '2026-12-06' }, { dateField: 'start', endField: 'end', datetime: false });
    expect(span).toEqual({ and: [{ '<': [{ var: 'start' }, '2026-12-06'] }, { or: [{ '>=': [{ var: 'start' }, '2026-11-01'] }, { '>=': [{ var: 'end' }, '2026-11-01'] }] }] });
    const dt = rangeFilter({ from: '2026-11-01', to: '2026-11-02' }, { dateField: 'at', datetime: true }) as { and: { '>=': [unknown, string] }[] };
    expect(new Date(dt.and[0]['>='][1]).getDate()).toBe(1);
  });

  it('places records on the days they cover', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03'];
    const rows = [{ id: 'a', due: '2026-11-02' }, { id: 'b', due: '2026-11-01', end: '2026-11-03' }, { id: 'c', due: null }, { id: 'd', due: '2026-11-03', end: '2026-11-01' }];
    const by = recordsByDay(rows, days, { dateField: 'due', endField: 'end' });
    expect(by.get('2026-11-01')!.map((r) => r.id)).toEqual(['b']);
    expect(by.get('2026-11-02')!.map((r) => r.id)).toEqual(['a', 'b']);
    expect(by.get('2026-11-03')!.map((r) => r.id)).toEqual(['b', 'd']);
  });

  it('reads the local day of a date or datetime', () => {
    expect(dayOf('2026-11-02')).toBe('2026-11-02');
    expect(dayOf(new Date(2026, 10, 2, 23, 30).toISOString())).toBe('2026-11-02');
    expect(dayOf('nonsense')).toBeUndefined();
    expect(dayOf(null)).toBeUndefined();
  });
});
