import { definePlugin } from '../../../core/index.js';
import { seedDemoSurveys } from '../seed/seed-demo.js';
import { answerRoutes } from './answer-routes.js';
import { complainOnLowScore } from './complaint.js';
import { caseArchived, orderCompleted } from './invite.js';
import { portalRoutes } from './portal-routes.js';
import { SURVEY_PROBLEMS } from './problems.js';

/** 满意度调查: invitations after an archived case or a completed order, answering by one-time link, a complaint case on a low score; demo data. */
export default definePlugin({
  setup(api) {
    api.errors(SURVEY_PROBLEMS);
    api.after('service_case.update', caseArchived);
    api.after('sales_order.update', orderCompleted);
    api.after('survey_response.update', complainOnLowScore);
    for (const route of [...answerRoutes, ...portalRoutes]) api.route(route);
    api.seed({ name: 'demo-surveys', demo: true, run: seedDemoSurveys });
  },
});
