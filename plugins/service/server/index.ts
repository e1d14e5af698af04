import { definePlugin } from '../../../core/index.js';
import { seedDemoService } from '../seed/seed-demo.js';
import { assignCase } from './assign-case.js';
import { stampCaseChange, stampNewCase } from './case-hooks.js';
import { customerInScope } from './customer-scope.js';

/** 客户服务与支持: case assignment, SLA and state time stamps, customer scope of service records, and the demo data. */
export default definePlugin({
  setup(api) {
    api.action('service_case.assign', assignCase);
    api.before('service_case.create', stampNewCase);
    api.before('service_case.update', stampCaseChange);
    for (const entity of ['service_case', 'service_contract', 'care_plan']) {
      api.before(`${entity}.create`, customerInScope(entity));
      api.before(`${entity}.update`, customerInScope(entity));
    }
    api.seed({ name: 'demo-service', demo: true, run: seedDemoService });
  },
});
