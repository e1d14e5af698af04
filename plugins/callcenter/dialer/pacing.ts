/**
 * Predictive pacing: how many numbers to dial now so that answered calls meet free agents,
 * without the share of answered calls that find no agent (abandoned, dropped) going over
 * the cap across a rolling window.
 */

/** Outcomes of answered outbound calls over the last `windowMs`: connected to an agent, or abandoned. */
export class AbandonWindow {
  private readonly events: { at: number; abandoned: boolean }[] = [];
  constructor(readonly windowMs: number) {}

  record(at: number, abandoned: boolean): void {
    this.events.push({ at, abandoned });
  }

  /** Answered calls and abandoned ones inside the window ending at `now`. */
  counts(now: number): { answered: number; abandoned: number } {
    while (this.events.length && this.events[0].at <= now - this.windowMs) this.events.shift();
    return { answered: this.events.length, abandoned: this.events.filter((e) => e.abandoned).length };
  }
}

export interface PacingInput {
  /** Agents free now (or about to be). */
  freeAgents: number;
  /** Calls dialled and not yet answered or failed. */
  inFlight: number;
  /** Measured share of dials a person answers (0..1). */
  answerRate: number;
  /** The rolling window so far: answered calls and how many of them found no agent. */
  answered: number;
  abandoned: number;
  /** The most abandoned share allowed (0.03 = 3 %). */
  cap: number;
}

/**
 * Dials to place now. Starts from free agents over the answer rate (the predictive
 * guess), minus calls in flight, and lowers it until the abandoned calls of a bad draw
 * (answers two standard deviations above the mean, beyond the free agents) keep the
 * window's rate within the cap. With the window at or over
 * its cap it dials no more than one call per free agent (progressive: nobody is abandoned).
 */
/** Plans to a quarter below the cap: connects leaving the rolling window raise its rate without a new abandon. */
const HEADROOM = 0.75;

export const dialsToPlace = (p: PacingInput): number => {
  if (p.freeAgents <= 0) return 0;
  const progressive = Math.max(0, p.freeAgents - p.inFlight);
  const rate = Math.min(1, Math.max(0.05, p.answerRate));
  if (p.answered > 0 && p.abandoned / p.answered >= p.cap * HEADROOM) return progressive;
  let dials = Math.max(0, Math.floor(p.freeAgents / rate) - p.inFlight);
  while (dials > progressive) {
    const n = p.inFlight + dials;
    const expectedAnswers = n * rate;
    // Plan for a bad draw, not the mean: answers two standard deviations above it.
    const expectedAbandons = Math.max(0, expectedAnswers + 2 * Math.sqrt(n * rate * (1 - rate)) - p.freeAgents);
    if ((p.abandoned + expectedAbandons) / (p.answered + expectedAnswers) <= p.cap * HEADROOM) break;
    dials -= 1;
  }
  return Math.max(dials, progressive);
};
