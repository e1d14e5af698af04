import { describe, expect, it } from 'vitest';
import { fromWallClock, wallClock } from './tenant-zone.js';

describe('tenant zone wall clock', () => {
  it('reads and writes the wall clock of a zone, across a DST change', () => {
    expect(wallClock(new Date('2026-03-02T01:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02T09:30:00');
    expect(fromWallClock('2026-03-02T09:30:00', 'Asia/Shanghai').toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(wallClock(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00');
    expect(fromWallClock('2026-01-05T08:00:00', 'America/New_York').toISOString()).toBe('2026-01-05T13:00:00.000Z');
  });
});
