import { definePlugin } from '../../../core/index.js';
import { seedDemoService } from '../seed/seed-demo.js';
import { assignCase } from './assign-case.js';
import { beforeCareSweep } from './care-birthdays.js';
import { applyCareTemplate, applyOnGrade } from './care-templates.js';
import { stampCaseChange, stampNewCase } from './case-hooks.js';
import { customerInScope } from './customer-scope.js';
import { SERVICE_PROBLEMS } from './problems.js';
import { WARRANTY_ZONE_ACCESS, caseWarranty, warrantyLookup } from './warranty.js';

/** 客户服务与支持: case assignment, SLA and state time stamps, customer scope of service records, warranty lookup, birthday care and care templates, and the demo data. */
export default definePlugin({
  setup(api) {
    api.errors(SERVICE_PROBLEMS);
    api.action('service_case.assign', assignCase);
    api.action('customer.apply_care_template', applyCareTemplate);
    api.before('service_case.create', stampNewCase);
    api.before('service_case.update', stampCaseChange);
    for (const entity of ['service_case', 'service_contract', 'care_plan']) {
      api.before(`${entity}.create`, customerInScope(entity));
      api.before(`${entity}.update`, customerInScope(entity));
    }
    api.before('care_sweep.create', beforeCareSweep);
    api.after('customer.create', applyOnGrade);
    api.after('customer.update', applyOnGrade);
    api.route({ method: 'GET', path: '/warranty/:serial', systemAccess: WARRANTY_ZONE_ACCESS, handler: (req, ctx) => warrantyLookup(req.params.serial ?? '', ctx) });
    api.route({ method: 'GET', path: '/cases/:id/warranty', systemAccess: WARRANTY_ZONE_ACCESS, handler: (req, ctx) => caseWarranty(req.params.id ?? '', ctx) });
    api.seed({ name: 'demo-service', demo: true, run: seedDemoService });
  },
});
