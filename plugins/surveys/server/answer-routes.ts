import { problem, type PluginRequest, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { answerSurvey, describeSurvey, localeOf, stillOpen } from './answer-work.js';
import { hashToken, TOKEN_SHAPE } from './token.js';

const WHY = "find the survey response a link's token names (only the token's hash is stored)";
const ROLES = ['survey_respondent'];

/**
 * The open response a token opens, or a refusal that says nothing about whose it is:
 * 404 for a malformed or unknown token, 410 once expired, 409 once answered.
 */
const responseOf = async (req: PluginRequest, ctx: PluginRouteContext): Promise<RecordData> => {
  const token = req.params.token ?? '';
  if (!TOKEN_SHAPE.test(token)) throw problem('SURVEY_LINK_NOT_FOUND');
  const hash = hashToken(token);
  const row = await ctx.system((db) => db('survey_response').where({ token_hash: hash }).whereNull('deleted_at').first('id'));
  if (!row) throw problem('SURVEY_LINK_NOT_FOUND');
  return stillOpen(await ctx.records.get('survey_response', String(row.id)));
};

/**
 * Answering a survey without signing in, under /api/public/<tenant>/x/surveys/answer/<token>
 * (the tenant's public switch and per-address rate limit apply), as the actor of role
 * `survey_respondent`: GET shows the survey in the visitor's language, POST stores the
 * answers once (see answerSurvey).
 */
export const answerRoutes: PluginRouteDef[] = [
  {
    method: 'GET',
    path: '/answer/:token',
    public: true,
    publicRoles: ROLES,
    systemAccess: WHY,
    async handler(req, ctx) {
      const response = await responseOf(req, ctx);
      return describeSurvey(response, localeOf(req, response.language), ctx);
    },
  },
  {
    method: 'POST',
    path: '/answer/:token',
    public: true,
    publicRoles: ROLES,
    systemAccess: WHY,
    async handler(req, ctx) {
      return answerSurvey(await responseOf(req, ctx), req.body, ctx);
    },
  },
];
