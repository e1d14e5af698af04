import { definePlugin } from '../../../core/index.js';
import { seedDemoPortal } from '../seed/seed-demo.js';
import { PORTAL_PLUGIN_ERRORS } from './errors.js';
import { faqRoute } from './faq.js';
import { loadLandingPages } from './landing-pages.js';
import { landingRoutes } from './landing-routes.js';
import { portalAccess } from './portal-access.js';
import { portalDictionaries } from './portal-options.js';
import { portalCaseCreate, portalSurveyAnswered } from './portal-cases.js';

const pages = loadLandingPages(new URL('../landing-pages/', import.meta.url));

/** 客户门户与营销落地页: the portal's service requests and surveys, the contact's portal access, and campaign landing pages. */
export default definePlugin({
  setup(api) {
    api.errors(PORTAL_PLUGIN_ERRORS);
    api.before('service_case.create', portalCaseCreate);
    api.after('service_case.update', portalSurveyAnswered);
    api.action('contact.portal_access', portalAccess);
    for (const route of landingRoutes(pages)) api.route(route);
    api.route(portalDictionaries);
    api.route(faqRoute);
    api.seed({ name: 'demo-portal', demo: true, run: seedDemoPortal });
  },
});
