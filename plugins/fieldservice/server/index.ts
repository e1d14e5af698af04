import { definePlugin } from '../../../core/index.js';
import { seedDemoFieldService } from '../seed/seed-demo.js';
import { guardAssignment } from './assignment-guard.js';
import { dispatchWorkOrder } from './dispatch.js';
import { beforeMaintenanceRun } from './maintenance.js';
import { issuePart } from './parts.js';
import { FIELDSERVICE_PROBLEMS } from './problems.js';
import { routes } from './routes.js';
import { fillNewWorkOrder, stampWorkOrderChange } from './work-order-hooks.js';

/** 现场服务: preventive maintenance work orders from service contracts; dispatch by skill, territory and free time; start/finish stamps; parts issued from stock; the board and the engineer's day; demo data. */
export default definePlugin({
  setup(api) {
    api.errors(FIELDSERVICE_PROBLEMS);
    api.action('work_order.dispatch', dispatchWorkOrder);
    api.before('work_order.create', fillNewWorkOrder);
    api.before('work_order.create', guardAssignment);
    api.before('work_order.update', guardAssignment);
    api.before('work_order.update', stampWorkOrderChange);
    api.before('work_order_part.create', issuePart);
    api.before('maintenance_run.create', beforeMaintenanceRun);
    for (const route of routes) api.route(route);
    api.seed({ name: 'demo-fieldservice', demo: true, run: seedDemoFieldService });
  },
});
