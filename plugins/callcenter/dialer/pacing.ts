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
  /** Agents on a call or in wrap-up now (default 0). */
  busyAgents?: number;
  /** Measured average handle time, talk plus wrap-up (seconds). */
  handleSeconds?: number;
  /** Measured average time from dialling to the callee's answer (seconds). */
  answerSeconds?: number;
}

/**
 * Busy agents expected to come free while the calls placed now ring: each of them ends
 * their call within the next `answerSeconds` with a chance of answerSeconds ÷ handleSeconds
 * (calls end evenly over a handle time). Rounded down.
 */
export const agentsFreeingSoon = (p: Pick<PacingInput, 'busyAgents' | 'handleSeconds' | 'answerSeconds'>): number => {
  if (!p.busyAgents || !p.handleSeconds || !p.answerSeconds || p.handleSeconds <= 0) return 0;
  return Math.floor(p.busyAgents * Math.min(1, Math.max(0, p.answerSeconds) / p.handleSeconds));
};

/**
 * Dials to place now. Starts from the agents the answers will meet (free now, plus busy
 * ones expected to finish within the answer time) over the answer rate (the predictive
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
  // The agents the answers will meet: free now, and busy ones ending their calls meanwhile.
  const agents = p.freeAgents + agentsFreeingSoon(p);
  let dials = Math.max(0, Math.floor(agents / rate) - p.inFlight);
  while (dials > progressive) {
    const n = p.inFlight + dials;
    const expectedAnswers = n * rate;
    // Plan for a bad draw, not the mean: answers two standard deviations above it.
    const expectedAbandons = Math.max(0, expectedAnswers + 2 * Math.sqrt(n * rate * (1 - rate)) - agents);
    if ((p.abandoned + expectedAbandons) / (p.answered + expectedAnswers) <= p.cap * HEADROOM) break;
    dials -= 1;
  }
  return Math.max(dials, progressive);
};

/** One outbound attempt of the rolling window, as the call record has it. */
export interface DialAttempt {
  status: string;
  outcome?: string | null;
  offeredAt: number;
  answeredAt?: number | null;
  talkSeconds?: number | null;
  wrapUpSeconds?: number | null;
}

export interface MeasuredRates {
  /** Attempts settled (answered by a person, dropped, no answer, busy, machine) or connected. */
  attempts: number;
  /** Attempts a person answered: connected to an agent, or dropped for want of one. */
  answered: number;
  abandoned: number;
  answerRate: number;
  handleSeconds: number;
  answerSeconds: number;
}

/** What pacing assumes before the window holds measurements: how many answer, handle and answer times. */
export interface PacingPriors {
  answerRate: number;
  handleSeconds: number;
  answerSeconds: number;
}

/** Weight of the prior answer rate, in attempts: ten attempts' worth, so a few early calls do not swing it. */
const PRIOR_WEIGHT = 10;
const HUMAN = ['answered', 'dropped'];
const SETTLED = ['answered', 'dropped', 'no_answer', 'busy', 'machine'];
const mean = (xs: number[], prior: number) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : prior);

/**
 * The rolling window's rates from its attempts: answer rate (people who answered over
 * attempts, leaning on the prior while attempts are few), average handle time (talk plus
 * wrap-up of calls an agent finished) and answer time (dial to answer), and the abandoned
 * (dropped) calls among those answered.
 *
 * With `settledBy` (now, and how long a dialled call may ring before it is given up), the
 * answer rate counts only attempts dialled at least that long ago — every one of them, a
 * call still ringing as not answered. Otherwise the quick failures (busy in seconds) are
 * counted before the slow ones and the answers, the rate reads far too low while a burst
 * of calls is out (at the start of a list), and the dialer dials several times too many.
 */
export const measureRates = (attempts: DialAttempt[], priors: PacingPriors, settledBy?: { now: number; ringMs: number }): MeasuredRates => {
  const connected = attempts.filter((a) => a.status === 'connected');
  const settled = attempts.filter((a) => a.status === 'ended' && SETTLED.includes(String(a.outcome)));
  const human = [...connected, ...settled.filter((a) => HUMAN.includes(String(a.outcome)))];
  const handled = settled.filter((a) => a.outcome === 'answered' && a.talkSeconds !== null && a.talkSeconds !== undefined);
  const timed = human.filter((a) => a.answeredAt);
  const n = connected.length + settled.length;
  // The attempts whose outcome is known by now, for the answer rate (see above).
  const old = settledBy ? attempts.filter((a) => a.offeredAt <= settledBy.now - settledBy.ringMs) : undefined;
  const rateHuman = old ? old.filter((a) => a.status === 'connected' || (a.status === 'ended' && HUMAN.includes(String(a.outcome)))).length : human.length;
  const rateN = old ? old.length : n;
  return {
    attempts: n,
    answered: human.length,
    abandoned: settled.filter((a) => a.outcome === 'dropped').length,
    answerRate: (rateHuman + priors.answerRate * PRIOR_WEIGHT) / (rateN + PRIOR_WEIGHT),
    handleSeconds: mean(handled.map((a) => Number(a.talkSeconds) + Number(a.wrapUpSeconds ?? 0)), priors.handleSeconds),
    answerSeconds: mean(timed.map((a) => (Number(a.answeredAt) - a.offeredAt) / 1000), priors.answerSeconds),
  };
};
