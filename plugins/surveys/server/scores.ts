import type { PublicQuestion } from './questions.js';

/** What a customer's answers add up to on the response. */
export interface Scores {
  csat: number | null;
  nps: number | null;
  nps_category: 'promoter' | 'passive' | 'detractor' | null;
  nps_points: number | null;
  comment: string | null;
}

/** An NPS answer's group: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export const npsCategory = (nps: number): 'promoter' | 'passive' | 'detractor' => (nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor');

/** 100, 0, −100 for a promoter, passive, detractor: the average over responses is the NPS (% promoters − % detractors). */
export const npsPoints = (nps: number): number => ({ promoter: 100, passive: 0, detractor: -100 })[npsCategory(nps)];

/** CSAT is the mean of the rating answers (two decimals); NPS the first 0–10 answer; comments the text answers. */
export const scoresOf = (questions: PublicQuestion[], values: Map<string, string | number>): Scores => {
  const ratings = questions.filter((q) => q.kind === 'rating' && values.has(q.id)).map((q) => Number(values.get(q.id)));
  const npsQ = questions.find((q) => q.kind === 'nps' && values.has(q.id));
  const nps = npsQ ? Number(values.get(npsQ.id)) : null;
  const texts = questions.filter((q) => q.kind === 'text' && values.has(q.id)).map((q) => String(values.get(q.id)));
  return {
    csat: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    nps,
    nps_category: nps === null ? null : npsCategory(nps),
    nps_points: nps === null ? null : npsPoints(nps),
    comment: texts.length ? texts.join('\n\n') : null,
  };
};
