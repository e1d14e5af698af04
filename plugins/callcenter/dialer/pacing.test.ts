import { describe, expect, it } from 'vitest';
import { seededRandom } from '../cti/traffic.js';
import { AbandonWindow, dialsToPlace } from './pacing.js';

describe('predictive pacing', () => {
  it('dials more than one call per free agent when few answer, and no more than one per agent at the cap', () => {
    expect(dialsToPlace({ freeAgents: 0, inFlight: 0, answerRate: 0.3, answered: 0, abandoned: 0, cap: 0.03 })).toBe(0);
    const fresh = dialsToPlace({ freeAgents: 10, inFlight: 0, answerRate: 0.3, answered: 1000, abandoned: 0, cap: 0.03 });
    expect(fresh).toBeGreaterThan(10);
    expect(fresh).toBeLessThanOrEqual(33);
    expect(dialsToPlace({ freeAgents: 10, inFlight: 4, answerRate: 0.3, answered: 100, abandoned: 3, cap: 0.03 })).toBe(6);
    expect(dialsToPlace({ freeAgents: 2, inFlight: 5, answerRate: 0.5, answered: 10, abandoned: 0, cap: 0.03 })).toBe(0);
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
