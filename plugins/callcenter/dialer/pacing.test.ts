import { describe, expect, it } from 'vitest';
import { seededRandom } from '../cti/traffic.js';
import { AbandonWindow, agentsFreeingSoon, dialsToPlace, measureRates } from './pacing.js';

describe('predictive pacing', () => {
  it('dials more than one call per free agent when few answer, and no more than one per agent at the cap', () => {
    expect(dialsToPlace({ freeAgents: 0, inFlight: 0, answerRate: 0.3, answered: 0, abandoned: 0, cap: 0.03 })).toBe(0);
    const fresh = dialsToPlace({ freeAgents: 10, inFlight: 0, answerRate: 0.3, answered: 1000, abandoned: 0, cap: 0.03 });
    expect(fresh).toBeGreaterThan(10);
    expect(fresh).toBeLessThanOrEqual(33);
    expect(dialsToPlace({ freeAgents: 10, inFlight: 4, answerRate: 0.3, answered: 100, abandoned: 3, cap: 0.03 })).toBe(6);
    expect(dialsToPlace({ freeAgents: 2, inFlight: 5, answerRate: 0.5, answered: 10, abandoned: 0, cap: 0.03 })).toBe(0);
  });

  it('counts busy agents who finish while the new calls ring (hand-computed)', () => {
    expect(agentsFreeingSoon({ busyAgents: 10, handleSeconds: 200, answerSeconds: 20 })).toBe(1); // 10 × 20/200
    expect(agentsFreeingSoon({ busyAgents: 10, handleSeconds: 100, answerSeconds: 25 })).toBe(2); // ⌊10 × 0.25⌋
    expect(agentsFreeingSoon({ busyAgents: 3, handleSeconds: 10, answerSeconds: 30 })).toBe(3);
    expect(agentsFreeingSoon({ busyAgents: 0, handleSeconds: 100, answerSeconds: 25 })).toBe(0);
  });

  it('paces from answer rate, handle time and free agents, and throttles to progressive near the cap (hand-computed)', () => {
    const base = { freeAgents: 4, inFlight: 0, answerRate: 0.5, answered: 1000, abandoned: 0, cap: 0.03 };
    // 4 ÷ 0.5 = 8 dials: a bad draw answers 4 + 2·√2 ≈ 6.83, 2.83 abandoned of 1004 ≈ 0.28 % ≤ 2.25 %.
    expect(dialsToPlace(base)).toBe(8);
    // 10 busy agents, 100 s handle, 20 s to answer: 2 more agents free soon, 6 ÷ 0.5 = 12.
    expect(dialsToPlace({ ...base, busyAgents: 10, handleSeconds: 100, answerSeconds: 20 })).toBe(12);
    // 20 abandoned of 1000 already: 8 dials would reach (20 + 2.83) / 1004 ≈ 2.27 % > 2.25 %; 7 give 22.15 / 1003.5 ≈ 2.21 %.
    expect(dialsToPlace({ ...base, abandoned: 20 })).toBe(7);
    // An empty window: any dial over one per agent risks a large share of the first answers.
    expect(dialsToPlace({ ...base, answered: 0 })).toBe(4);
    // At 3 of 100 the window is over three quarters of the cap: one per free agent, less those ringing.
    expect(dialsToPlace({ ...base, answered: 100, abandoned: 3, inFlight: 1 })).toBe(3);
  });

  it('measures the rolling window: answer rate leaning on the prior, handle and answer times, dropped calls', () => {
    const priors = { answerRate: 0.3, handleSeconds: 180, answerSeconds: 15 };
    expect(measureRates([], priors)).toEqual({ attempts: 0, answered: 0, abandoned: 0, ...priors });
    const rates = measureRates([
      { status: 'connected', offeredAt: 0, answeredAt: 10_000 },
      { status: 'ended', outcome: 'answered', offeredAt: 0, answeredAt: 20_000, talkSeconds: 100, wrapUpSeconds: 20 },
      { status: 'ended', outcome: 'dropped', offeredAt: 0, answeredAt: 30_000 },
      { status: 'ended', outcome: 'no_answer', offeredAt: 0 },
      { status: 'ended', outcome: 'busy', offeredAt: 0 },
      { status: 'ended', outcome: 'machine', offeredAt: 0 },
      { status: 'ringing', offeredAt: 0 },
    ], priors);
    // 3 people of 6 attempts, with ten attempts at 0.3: (3 + 3) / 16.
    expect(rates).toEqual({ attempts: 6, answered: 3, abandoned: 1, answerRate: 0.375, handleSeconds: 120, answerSeconds: 20 });
  });

  it('measures the answer rate only over attempts whose outcome is known by now: a burst of quick busy tones does not read as a low rate', () => {
    const priors = { answerRate: 0.5, handleSeconds: 180, answerSeconds: 15 };
    // 40 calls dialled 5 s ago: 10 busy already, 30 still ringing; 10 dialled a minute ago: 4 people, 6 no answer.
    const burst = [
      ...Array.from({ length: 10 }, () => ({ status: 'ended', outcome: 'busy', offeredAt: 55_000 })),
      ...Array.from({ length: 30 }, () => ({ status: 'ringing', offeredAt: 55_000 })),
      ...Array.from({ length: 4 }, () => ({ status: 'ended', outcome: 'answered', offeredAt: 0, answeredAt: 10_000, talkSeconds: 60, wrapUpSeconds: 10 })),
      ...Array.from({ length: 6 }, () => ({ status: 'ended', outcome: 'no_answer', offeredAt: 0 })),
    ];
    // Counting what has settled, the busy tones weigh in before the answers can: (4 + 5) / (20 + 10).
    expect(measureRates(burst, priors).answerRate).toBeCloseTo(0.3);
    // Only attempts older than the ring time: (4 + 5) / (10 + 10).
    expect(measureRates(burst, priors, { now: 60_000, ringMs: 35_000 }).answerRate).toBeCloseTo(0.45);
    expect(measureRates(burst, priors, { now: 60_000, ringMs: 35_000 })).toMatchObject({ attempts: 20, answered: 4, abandoned: 0 });
  });

  it('holds the abandoned rate under the cap over a rolling window in a simulated campaign', () => {
    const random = seededRandom(7);
    const window = new AbandonWindow(15 * 60_000);
    const agents = 20;
    let busyUntil: number[] = Array(agents).fill(0);
    let worst = 0;
    let answeredTotal = 0;
    for (let now = 0; now < 4 * 3_600_000; now += 5_000) {
      const free = busyUntil.filter((t) => t <= now).length;
      const { answered, abandoned } = window.counts(now);
      const dials = dialsToPlace({ freeAgents: free, inFlight: 0, answerRate: 0.35, answered, abandoned, cap: 0.03 });
      for (let i = 0; i < dials; i++) {
        if (random() >= 0.35) continue;
        const agent = busyUntil.findIndex((t) => t <= now);
        window.record(now, agent < 0);
        answeredTotal += 1;
        if (agent >= 0) busyUntil[agent] = now + 60_000 + Math.floor(random() * 240_000);
      }
      const after = window.counts(now);
      if (after.answered >= 100) worst = Math.max(worst, after.abandoned / after.answered);
      busyUntil = [...busyUntil];
    }
    expect(answeredTotal).toBeGreaterThan(500);
    expect(worst).toBeLessThanOrEqual(0.03);
  });
});
