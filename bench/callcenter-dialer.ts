/**
 * Predictive dialer benchmark: the plugin's own pacing (`dialsToPlace` over `measureRates`
 * of the rolling window, with the dialing loop's window and priors) drives a simulated
 * campaign on a virtual clock — AGENTS agents, callees who answer (a person), are
 * answering machines, busy or never answer (the telephony simulator's callee behaviours),
 * with an answer delay, talk time and wrap-up — for HOURS simulated hours, one pacing beat a
 * second. Reports agent occupancy and the abandoned rate (answered by a person, no agent
 * free) over the rolling window against the cap, for a few trunk counts (simultaneous
 * calls), including the one that brings occupancy nearest OCCUPANCY.
 *
 * `npx tsx bench/callcenter-dialer.ts` with AGENTS, HOURS, CAP (0.03), OCCUPANCY (0.8),
 * SEED in the environment. No database: the beat's decision is the code under test.
 */
import { seededRandom, type Random } from '../core/index.js';
import type { CalleeBehaviour } from '../plugins/callcenter/cti/simulator.js';
import { dialsToPlace, measureRates, type DialAttempt } from '../plugins/callcenter/dialer/pacing.js';
import { PACING_PRIORS, PACING_WINDOW_MS, SETTLED_AFTER_MS } from '../plugins/callcenter/server/dialer-loop.js';

const AGENTS = Number(process.env.AGENTS ?? 50);
const HOURS = Number(process.env.HOURS ?? 4);
const CAP = Number(process.env.CAP ?? 0.03);
const OCCUPANCY = Number(process.env.OCCUPANCY ?? 0.8);
const SEED = Number(process.env.SEED ?? 20261207);
/** Who picks up: 35 % a person, 10 % a machine, 15 % busy, the rest never (a list with a 1.5 dial ratio's worth of answers). */
const SHARES: [CalleeBehaviour, number][] = [['human', 0.35], ['machine', 0.1], ['busy', 0.15], ['no_answer', 0.4]];
const ANSWER_S: [number, number] = [4, 25];
const TALK_MIN_S = 30;
const TALK_MEAN_EXTRA_S = 120;
const WRAP_S = 15;
const NO_ANSWER_S = 30;
/** Occupancy and the window's rate are counted after this warm-up (the window fills). */
const WARMUP_S = 1800;

interface Call {
  behaviour: CalleeBehaviour;
  dialledAt: number;
  /** When the line settles: the callee answers (person or machine), busy tone, or the no-answer timeout. */
  at: number;
  attempt: DialAttempt;
}

const behaviourOf = (r: Random): CalleeBehaviour => {
  let x = r.next();
  for (const [b, share] of SHARES) if ((x -= share) < 0) return b;
  return 'no_answer';
};

const run = (trunks: number) => {
  const r = seededRandom(SEED);
  const busyUntil: number[] = Array.from({ length: AGENTS }, () => 0);
  const ringing: Call[] = [];
  const attempts: DialAttempt[] = [];
  /** Outcomes of calls a person answered, in time order: at, abandoned. */
  const answered: { at: number; abandoned: boolean }[] = [];
  /** Connected calls and when they end. */
  const setEnd: { at: number; attempt: DialAttempt; talk: number }[] = [];
  let busySeconds = 0;
  let maxRate = 0;
  let worstAt = 0;
  let dials = 0;
  const end = HOURS * 3600;
  for (let t = 0; t < end; t++) {
    const ms = t * 1000;
    // Calls settling now.
    for (let i = ringing.length - 1; i >= 0; i--) {
      const c = ringing[i];
      if (c.at > t) continue;
      ringing.splice(i, 1);
      const a = c.attempt;
      if (c.behaviour === 'human') {
        a.answeredAt = t * 1000;
        const agent = busyUntil.findIndex((u) => u <= t);
        if (agent < 0) {
          Object.assign(a, { status: 'ended', outcome: 'dropped' });
          answered.push({ at: t, abandoned: true });
        } else {
          const talk = Math.round(TALK_MIN_S - TALK_MEAN_EXTRA_S * Math.log(1 - r.next()));
          busyUntil[agent] = t + talk + WRAP_S;
          // Connected now; it counts as handled (talk + wrap-up) once it has ended.
          Object.assign(a, { status: 'connected' });
          const ends = t + talk;
          setEnd.push({ at: ends, attempt: a, talk });
          answered.push({ at: t, abandoned: false });
        }
      } else Object.assign(a, { status: 'ended', outcome: c.behaviour });
    }
    for (let i = setEnd.length - 1; i >= 0; i--) {
      if (setEnd[i].at > t) continue;
      Object.assign(setEnd[i].attempt, { status: 'ended', outcome: 'answered', talkSeconds: setEnd[i].talk, wrapUpSeconds: WRAP_S });
      setEnd.splice(i, 1);
    }
    // The beat: the dialing loop's inputs, then its decision.
    const windowStart = ms - PACING_WINDOW_MS;
    while (attempts.length && attempts[0].offeredAt < windowStart) attempts.shift();
    const rates = measureRates(attempts, { answerRate: 1 / 1.5, ...PACING_PRIORS }, { now: ms, ringMs: SETTLED_AFTER_MS });
    const free = busyUntil.filter((u) => u <= t).length;
    const lines = ringing.length + setEnd.length;
    const want = dialsToPlace({
      freeAgents: free,
      inFlight: ringing.length,
      busyAgents: AGENTS - free,
      answerRate: rates.answerRate,
      handleSeconds: rates.handleSeconds,
      answerSeconds: rates.answerSeconds,
      answered: rates.answered,
      abandoned: rates.abandoned,
      cap: CAP,
    });
    for (let n = 0; n < Math.min(want, Math.max(0, trunks - lines)); n++) {
      const behaviour = behaviourOf(r);
      const at = behaviour === 'busy' ? t + 2 : behaviour === 'no_answer' ? t + NO_ANSWER_S : t + r.int(ANSWER_S[0], ANSWER_S[1]);
      const attempt: DialAttempt = { status: 'ringing', offeredAt: ms };
      attempts.push(attempt);
      ringing.push({ behaviour, dialledAt: t, at, attempt });
      dials += 1;
    }
    if (t >= WARMUP_S) {
      busySeconds += AGENTS - busyUntil.filter((u) => u <= t).length;
      // The rolling window's abandoned rate now (answered by a person in the last hour).
      while (answered.length && answered[0].at * 1000 <= ms - PACING_WINDOW_MS) answered.shift();
      const abandoned = answered.filter((a) => a.abandoned).length;
      if (answered.length >= 100 && abandoned / answered.length > maxRate) (maxRate = abandoned / answered.length), (worstAt = t);
    }
  }
  return { trunks, dials, occupancy: busySeconds / (AGENTS * (end - WARMUP_S)), maxWindowAbandonRate: maxRate, worstAtMinute: Math.round(worstAt / 60), endWindowAbandonRate: answered.length ? answered.filter((a) => a.abandoned).length / answered.length : 0 };
};
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const results = (process.env.TRUNKS ? process.env.TRUNKS.split(',').map(Number) : [1, 1.2, 1.5, 2, 3, 10]).map((m) => run(Math.round(AGENTS * m)));
const nearest = results.reduce((a, b) => (Math.abs(b.occupancy - OCCUPANCY) < Math.abs(a.occupancy - OCCUPANCY) ? b : a));
console.log(`agents ${AGENTS}, ${HOURS} h simulated, cap ${pct(CAP)}, window ${PACING_WINDOW_MS / 60000} min, seed ${SEED}`);
console.log('| trunks | dials | occupancy | worst rolling-window abandoned rate (minute) | at the end | under cap |');
console.log('|---|---|---|---|---|---|');
for (const x of results) console.log(`| ${x.trunks}${x === nearest ? ` (nearest ${pct(OCCUPANCY)} occupancy)` : ''} | ${x.dials} | ${pct(x.occupancy)} | ${pct(x.maxWindowAbandonRate)} (${x.worstAtMinute}) | ${pct(x.endWindowAbandonRate)} | ${x.maxWindowAbandonRate <= CAP ? 'yes' : 'NO'} |`);
