import type { CallerScript, CalleeBehaviour } from './simulator.js';

/** Random callers: arrivals per second (Poisson), patience, the digit choices, answering machines. */
export interface TrafficProfile {
  callsPerSecond: number;
  /** Callers' numbers to pick from (E.164). */
  callers: string[];
  dnis: string;
  /** Mean patience before abandoning, in ms (exponentially distributed). */
  meanPatienceMs: number;
  /** Menu digits a caller may press, one pick per menu level. */
  digitChoices?: string[];
  /** Share of outbound numbers an answering machine picks up (0..1). */
  machineShare?: number;
  /** Share of outbound numbers nobody answers (0..1). */
  noAnswerShare?: number;
}

/** A small seeded generator (mulberry32), so simulated traffic repeats run to run. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const exponential = (mean: number, random: () => number): number => -Math.log(1 - random()) * mean;

/** The next caller and how long after the previous one they ring in. */
export const nextCaller = (profile: TrafficProfile, random: () => number): { afterMs: number; script: CallerScript } => {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const digits = profile.digitChoices?.length ? [pick(profile.digitChoices), pick(profile.digitChoices)] : [];
  return {
    afterMs: exponential(1000 / profile.callsPerSecond, random),
    script: { ani: pick(profile.callers), dnis: profile.dnis, digits, patienceMs: Math.round(exponential(profile.meanPatienceMs, random)) },
  };
};

/** How a dialled number answers, drawn from the profile's shares. */
export const calleeBehaviour = (profile: Pick<TrafficProfile, 'machineShare' | 'noAnswerShare'>, random: () => number): CalleeBehaviour => {
  const r = random();
  const machine = profile.machineShare ?? 0;
  if (r < machine) return 'machine';
  if (r < machine + (profile.noAnswerShare ?? 0)) return 'no_answer';
  return 'human';
};

/** Rings callers into `place` until the returned stop is called. */
export const runTraffic = (profile: TrafficProfile, place: (script: CallerScript) => void, seed = 1): (() => void) => {
  const random = seededRandom(seed);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    const { afterMs, script } = nextCaller(profile, random);
    timer = setTimeout(() => {
      if (stopped) return;
      place(script);
      schedule();
    }, afterMs);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
};
