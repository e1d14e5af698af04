import { describe, expect, it } from 'vitest';
import { queueOrder, queuePosition, rankAgents, type Candidate } from './strategies.js';

const agents: Candidate[] = [
  { id: 'a', callsOffered: 5, idleSince: 3000, level: 3 },
  { id: 'b', callsOffered: 2, idleSince: 2000, level: 9 },
  { id: 'c', callsOffered: 2, idleSince: 1000, level: 5 },
  { id: 'd', callsOffered: 9, idleSince: 500, level: 9 },
];
const ids = (xs: Candidate[]) => xs.map((x) => x.id);

describe('routing strategies', () => {
  it('evens out the calls offered, longest idle on a tie', () => {
    expect(ids(rankAgents('even', agents))).toEqual(['c', 'b', 'a', 'd']);
  });
  it('offers the agent free the longest first', () => {
    expect(ids(rankAgents('longest_idle', agents))).toEqual(['d', 'c', 'b', 'a']);
  });
  it('offers the best skill level first, longest idle on a tie', () => {
    expect(ids(rankAgents('skill', agents))).toEqual(['d', 'b', 'c', 'a']);
  });
  it('serves higher priority first, then the longest waiting, and tells a caller their place', () => {
    const calls = [
      { id: 'x', priority: 0, offeredAt: 100 },
      { id: 'y', priority: 5, offeredAt: 300 },
      { id: 'z', priority: 0, offeredAt: 50 },
    ];
    expect(queueOrder(calls).map((c) => c.id)).toEqual(['y', 'z', 'x']);
    expect(queuePosition(calls[0], calls, 180, 2)).toEqual({ position: 3, estimatedWaitSeconds: 225 });
  });
});
