import { definePlugin } from '../../../core/index.js';
import { seedDemoCustomers } from '../seed/seed-demo.js';
import { beforeActivityWrite } from './activity-time.js';
import { confirmChurn, pauseChurn } from './churn-actions.js';
import { CONTACT_PROBLEMS, beforeContactWrite } from './contact-hierarchy.js';
import { customerSummary } from './customer-summary.js';

/** 客户管理: churn actions, the contact hierarchy, activity times, a summary route and the demo data. */
export default definePlugin({
  setup(api) {
    api.action('customer_loss.pause_churn', pauseChurn);
    api.action('customer_loss.confirm_churn', confirmChurn);
    api.errors(CONTACT_PROBLEMS);
    for (const action of ['create', 'update'] as const) {
      api.before(`contact.${action}`, beforeContactWrite);
      api.before(`activity.${action}`, beforeActivityWrite);
    }
    api.route(customerSummary);
    // People outside the company, linked to a contact: $user.contact and $user.customer in the role's rules.
    api.portalRole({ role: 'portal_customer', linkedEntity: 'contact', attributes: { contact: 'id', customer: 'customer' }, selfRegistration: true, emailField: 'email' });
    api.seed({ name: 'demo-customers', demo: true, run: seedDemoCustomers });
  },
});
