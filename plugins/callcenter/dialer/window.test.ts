import { describe, expect, it } from 'vitest';
import { calleeZone, inCallingWindow, localTime } from './window.js';

describe('calling windows in the callee\'s zone', () => {
  const at = Date.parse('2026-03-02T12:30:00Z');
  it('reads the time on the callee\'s clock', () => {
    expect(localTime(at, 'Asia/Shanghai')).toBe('20:30');
    expect(localTime(at, 'America/New_York')).toBe('07:30');
  });
  it('allows a call only inside the window, also across midnight', () => {
    expect(inCallingWindow(at, 'Asia/Shanghai', '09:00', '20:00')).toBe(false);
    expect(inCallingWindow(at, 'Asia/Shanghai', '09:00', '21:00')).toBe(true);
    expect(inCallingWindow(at, 'America/New_York', '09:00', '20:00')).toBe(false);
    expect(inCallingWindow(at, 'Asia/Shanghai', '20:00', '02:00')).toBe(true);
  });
  it('takes the zone of the number when the entry has none', () => {
    expect(calleeZone('+8613812345678')).toBe('Asia/Shanghai');
    expect(calleeZone('+14155550132')).toBe('America/New_York');
    expect(calleeZone('+14155550132', 'America/Los_Angeles')).toBe('America/Los_Angeles');
  });
});
