import { describe, expect, it } from 'vitest';
import { lifecycleProblems, lifecycleStates, missingGuardFields, reachableStates } from './lifecycle-graph.js';

const lc = {
  initial: 'new',
  final: ['done', 'cancelled'],
  transitions: [
    { name: 'start', from: ['new'] as [string], to: 'doing' },
    { name: 'finish', from: ['doing'] as [string], to: 'done', guard: { '>': [{ var: 'amount' }, 0] } },
    { name: 'cancel', from: ['new', 'doing'] as [string, string], to: 'cancelled' },
  ],
};
const fields = new Set(['amount', 'status', 'account']);

describe('lifecycle shape checks', () => {
  it('a sound lifecycle has no problems', () => {
    expect(lifecycleProblems(lc, { states: ['new', 'doing', 'done', 'cancelled'], fields })).toEqual([]);
    expect([...reachableStates(lc)].sort()).toEqual(['cancelled', 'doing', 'done', 'new']);
  });

  it('names every state once, initial first, then the extra ones', () => {
    expect(lifecycleStates(lc, ['parked'])).toEqual(['new', 'parked', 'done', 'cancelled', 'doing']);
  });

  it('finds a state no transition leads to', () => {
    expect(lifecycleProblems(lc, { states: ['parked'] })).toEqual([
      { code: 'unreachable', state: 'parked' },
      { code: 'dead_end', state: 'parked' },
    ]);
    const orphan = { ...lc, transitions: [...lc.transitions, { name: 'resume', from: ['parked'] as [string], to: 'doing' }] };
    expect(lifecycleProblems(orphan)).toEqual([{ code: 'unreachable', state: 'parked' }]);
  });

  it('finds a state with no way out that is not final (a loop onto itself is no way out)', () => {
    const stuck = { ...lc, final: ['cancelled'], transitions: [...lc.transitions, { name: 'touch', from: ['done'] as [string], to: 'done' }] };
    expect(lifecycleProblems(stuck)).toEqual([{ code: 'dead_end', state: 'done' }]);
    expect(lifecycleProblems({ ...lc, final: undefined }).map((p) => p.code === 'dead_end' && p.state)).toEqual(['done', 'cancelled']);
  });

  it('finds a guard naming a field the entity lacks, not run-time variables or reference paths', () => {
    const guarded = {
      ...lc,
      transitions: [
        { name: 'start', from: ['new'] as [string], to: 'doing', guard: { and: [{ '==': [{ var: 'account.region' }, 'east'] }, { '==': [{ var: '$user.id' }, 1] }, { '>': [{ var: 'budget' }, 0] }] } },
        ...lc.transitions.slice(1),
      ],
    };
    expect(lifecycleProblems(guarded, { fields })).toEqual([{ code: 'guard_field', transition: 'start', index: 0, field: 'budget' }]);
    expect(missingGuardFields(undefined, fields)).toEqual([]);
    expect(lifecycleProblems(guarded)).toEqual([]);
  });
});
