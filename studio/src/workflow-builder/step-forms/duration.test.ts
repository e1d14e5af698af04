import { describe, expect, it } from 'vitest';
import { durationObject, durationOf, withDuration } from './duration.js';

describe('durations of wait and escalation', () => {
  it('reads one unit as it is, several as a sum in the smallest', () => {
    expect(durationOf({ days: 3 })).toEqual({ amount: 3, unit: 'days' });
    expect(durationOf({ hours: 1, minutes: 30 })).toEqual({ amount: 90, unit: 'minutes' });
    expect(durationOf({ until: { var: 'due' } })).toBeUndefined();
    expect(durationOf(undefined)).toBeUndefined();
  });

  it('writes one unit, dropping the others and until', () => {
    expect(withDuration({ hours: 1, minutes: 30, until: 'x' }, { amount: 2, unit: 'days' })).toEqual({ days: 2 });
    expect(durationObject({ amount: 4, unit: 'hours' })).toEqual({ hours: 4 });
    expect(durationObject({ amount: 0, unit: 'hours' })).toBeUndefined();
  });
});
