import { addDays, createRecord, listRecords, seededRandom, todayIn, updateRecord, withSystemRights, type RecordContext, type RecordData } from '../../../core/index.js';
import { teamOf } from '../server/invite.js';
import { npsCategory, npsPoints } from '../server/scores.js';
import { COMMENTS, SURVEYS } from './demo-plan.js';

type Row = RecordData & { id: string };
const all = async (entity: string, fields: string[], ctx: RecordContext, filter?: unknown): Promise<Row[]> =>
  (await listRecords(entity, { fields, filter, sort: 'id', limit: 500 }, ctx)).data as Row[];

/**
 * 满意度调查演示数据: the after-case CSAT survey and the after-order NPS survey with their
 * questions, and about 30 answered responses on archived cases and completed orders spread
 * over the last six months (plus a few still pending), answered through the normal update so
 * each low score opens its complaint case as it would live.
 */
export const seedDemoSurveys = async (base: RecordContext): Promise<Record<string, number>> => {
  const ctx = withSystemRights(base);
  const r = seededRandom(20261208);
  const surveys: { id: string; trigger: string; questions: Row[] }[] = [];
  for (const plan of SURVEYS) {
    const s = (await createRecord('survey', { name: plan.name, trigger: plan.trigger, active: true, valid_days: 30, intro: plan.intro, intro_zh: plan.intro_zh }, ctx)) as Row;
    const questions: Row[] = [];
    for (const [i, q] of plan.questions.entries()) questions.push((await createRecord('survey_question', { survey: s.id, position: i + 1, ...q }, ctx)) as Row);
    surveys.push({ id: s.id, trigger: plan.trigger, questions });
  }
  const cases = (await all('service_case', ['id', 'customer', 'contact', 'product', 'handler', 'owner_id'], ctx, { '==': [{ var: 'status' }, 'archived'] })).slice(0, 18);
  const orders = (await all('sales_order', ['id', 'customer', 'owner_id'], ctx, { '==': [{ var: 'status' }, 'completed'] })).slice(0, 16);
  const today = todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());
  let answered = 0, pending = 0;
  const subjects = [
    ...cases.map((c, i) => ({ survey: surveys[0], i, link: { service_case: c.id }, customer: c.customer, contact: c.contact ?? null, product: c.product ?? null, user: c.handler ?? c.owner_id })),
    ...orders.map((o, i) => ({ survey: surveys[1], i, link: { sales_order: o.id }, customer: o.customer, contact: null, product: null as unknown, user: o.owner_id })),
  ];
  for (const s of subjects) {
    const daysAgo = r.int(3, 180);
    const sent = new Date(`${addDays(today, -daysAgo)}T02:00:00Z`);
    const isPending = s.i % 8 === 7;
    const isLow = s.i === 2;
    const rating = isLow ? 1 : r.pick([5, 5, 4, 4, 4, 3, 5, 2]);
    const nps = isLow ? 3 : r.pick([10, 9, 9, 8, 10, 7, 9, 6, 8, 10]);
    const isCsat = s.survey === surveys[0];
    const comment = isLow ? '问题拖了很久才解决，很不满意。' : r.pick(COMMENTS);
    const response = (await createRecord('survey_response', {
      survey: s.survey.id, ...s.link, customer: s.customer, contact: s.contact, product: s.product, team: await teamOf(s.user, ctx),
      email: null, language: r.chance(0.2) ? 'en' : 'zh-CN', status: 'pending',
      sent_at: sent.toISOString(), expires_at: new Date(sent.getTime() + 30 * 86_400_000).toISOString(),
    }, ctx)) as Row;
    if (isPending) { pending++; continue; }
    const answeredAt = new Date(sent.getTime() + r.int(1, 48) * 3_600_000);
    const values = new Map<string, string | number>();
    for (const q of s.survey.questions) {
      if (q.kind === 'rating') values.set(q.id, isCsat ? Math.max(1, rating - (r.chance(0.3) ? 1 : 0)) : r.int(3, 5));
      else if (q.kind === 'nps') values.set(q.id, nps);
      else if (q.kind === 'choice') values.set(q.id, isCsat ? (rating >= 4 ? 'yes' : rating === 3 ? 'partly' : 'no') : r.pick(['quality', 'price', 'service', 'delivery']));
      else if (comment) values.set(q.id, comment);
    }
    for (const [question, v] of values) await createRecord('survey_answer', { response: response.id, question, value: String(v), score: typeof v === 'number' ? v : null }, ctx);
    const ratings = s.survey.questions.filter((q) => q.kind === 'rating').map((q) => Number(values.get(q.id)));
    const npsValue = s.survey.questions.some((q) => q.kind === 'nps') ? nps : null;
    await updateRecord('survey_response', response.id, {
      status: 'answered', answered_at: answeredAt.toISOString(), comment: comment || null,
      csat: Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100,
      nps: npsValue, nps_category: npsValue === null ? null : npsCategory(npsValue), nps_points: npsValue === null ? null : npsPoints(npsValue),
    }, ctx);
    answered++;
  }
  const complaints = await all('survey_response', ['id'], ctx, { '!!': [{ var: 'complaint_case' }] });
  return { surveys: surveys.length, answered, pending, complaints: complaints.length };
};
