import { definePlugin } from '../../../core/index.js';
import { seedDemoPartners } from '../seed/seed-demo.js';
import { afterRegistrationApproved, beforeRegistrationCreate, beforeRegistrationUpdate } from './deal-registration.js';
import { PARTNERS_ERRORS } from './errors.js';
import { orderPartnerFromOpportunity } from './order-partner.js';
import { partnerCustomers } from './partner-customers.js';
import { partnerPortalAccess } from './portal-access.js';

/** 合作伙伴: the partner portal role, portal access for a partner's people, the order's partner from its opportunity, demo data. */
export default definePlugin({
  setup(api) {
    api.errors(PARTNERS_ERRORS);
    api.portalRole({ role: 'portal_partner', linkedEntity: 'partner', attributes: { partner: 'id' }, emailField: 'email' });
    api.action('partner.portal_access', partnerPortalAccess);
    api.before('sales_order.create', orderPartnerFromOpportunity);
    api.before('sales_order.update', orderPartnerFromOpportunity);
    api.before('deal_registration.create', beforeRegistrationCreate);
    api.before('deal_registration.update', beforeRegistrationUpdate);
    api.after('deal_registration.update', afterRegistrationApproved);
    api.route(partnerCustomers);
    api.seed({ name: 'demo-partners', demo: true, run: seedDemoPartners });
  },
});
