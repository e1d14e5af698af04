import { problem, type Locale, type PluginRequest, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { publicQuestion, type PublicQuestion } from './questions.js';
import { scoresOf } from './scores.js';
import { validateAnswers } from './validate-answers.js';

/** The visitor's language: `?lang=`, else the browser's Accept-Language, else the response's own. */
export const localeOf = (req: PluginRequest, fallback: unknown): Locale => {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : (req.headers['accept-language'] ?? '').split(',')[0];
  if (asked?.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (asked?.toLowerCase().startsWith('en')) return 'en';
  return fallback === 'en' ? 'en' : 'zh-CN';
};

/** A response still open for answers: 409 once answered, 410 once expired. */
export const stillOpen = (response: RecordData): RecordData => {
  if (response.status === 'answered') throw problem('SURVEY_ALREADY_ANSWERED');
  if (response.expires_at && new Date(String(response.expires_at)).getTime() <= Date.now()) throw problem('SURVEY_LINK_EXPIRED');
  return response;
};

const questionsOf = async (survey: string, locale: Locale, ctx: PluginRouteContext): Promise<PublicQuestion[]> => {
  const page = await ctx.records.list('survey_question', { filter: { '==': [{ var: 'survey' }, survey] }, sort: 'position,created_at', limit: 100 });
  return page.data.map((q) => publicQuestion(q, locale));
};

/** The survey of an open response as its visitor reads it: title, introduction, expiry, questions in `locale`. */
export const describeSurvey = async (response: RecordData, locale: Locale, ctx: PluginRouteContext) => {
  const survey = await ctx.records.get('survey', String(response.survey));
  return {
    locale,
    title: survey.name,
    intro: (locale === 'zh-CN' ? survey.intro_zh : survey.intro) ?? null,
    expiresAt: response.expires_at,
    questions: await questionsOf(String(response.survey), locale, ctx),
  };
};

/**
 * Stores the answers to an open response once: checked first (422 naming every field, nothing
 * written), then one answer row per question and the scores on the response, which becomes
 * answered (written with its version: of two concurrent answers one gets 409).
 */
export const answerSurvey = async (response: RecordData, body: unknown, ctx: PluginRouteContext): Promise<{ ok: true }> => {
  const questions = await questionsOf(String(response.survey), 'en', ctx);
  const values = validateAnswers(questions, body);
  for (const q of questions) {
    if (!values.has(q.id)) continue;
    const v = values.get(q.id)!;
    await ctx.records.create('survey_answer', { response: response.id, question: q.id, value: String(v), score: typeof v === 'number' ? v : null });
  }
  await ctx.records.update('survey_response', String(response.id), { ...scoresOf(questions, values), status: 'answered', answered_at: new Date().toISOString() }, { ifMatch: Number(response.version) });
  return { ok: true };
};
