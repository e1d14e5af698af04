import { daysBetween } from '../../time/index.js';

/** One subject's history in three numbers: when it last bought, how often, how much. */
export interface RfmInput {
  key: string;
  /** The day of the last purchase ('YYYY-MM-DD'). */
  last: string;
  frequency: number;
  monetary: number;
}

export type RfmClass = 'champion' | 'loyal' | 'promising' | 'at_risk' | 'hibernating' | 'regular';

export interface RfmScore extends RfmInput {
  recencyDays: number;
  /** 1–5 each, 5 best (most recent, most often, most spent). */
  r: number;
  f: number;
  m: number;
  class: RfmClass;
  /** High value and stable: spends and buys much, and has not gone quiet. */
  golden: boolean;
}

/** Scores 1–`bins` by rank: equal values share the score of the first of them. */
const scoresOf = (values: number[], bins: number, higherIsBetter: boolean): number[] => {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => (higherIsBetter ? a[0] - b[0] : b[0] - a[0]));
  const out = new Array<number>(values.length);
  let firstRank = 0;
  order.forEach(([v, i], rank) => {
    if (rank > 0 && order[rank - 1][0] !== v) firstRank = rank;
    out[i] = 1 + Math.floor((firstRank * bins) / values.length);
  });
  return out;
};

const classOf = (r: number, f: number, m: number): RfmClass => {
  if (r >= 4 && f >= 4 && m >= 4) return 'champion';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2) return 'hibernating';
  if (f >= 4) return 'loyal';
  if (r >= 4 && f <= 2) return 'promising';
  return 'regular';
};

/**
 * RFM scores (recency, frequency, monetary) by quintile among the subjects given, each
 * subject's class, and golden subjects: frequency and monetary in the top two fifths and
 * recency not in the bottom two.
 */
export const rfmScores = (rows: RfmInput[], today: string, bins = 5): RfmScore[] => {
  const recency = rows.map((x) => Math.max(0, daysBetween(x.last, today)));
  const r = scoresOf(recency, bins, false);
  const f = scoresOf(rows.map((x) => x.frequency), bins, true);
  const m = scoresOf(rows.map((x) => x.monetary), bins, true);
  return rows.map((x, i) => ({ ...x, recencyDays: recency[i], r: r[i], f: f[i], m: m[i], class: classOf(r[i], f[i], m[i]), golden: f[i] >= 4 && m[i] >= 4 && r[i] >= 3 }));
};
