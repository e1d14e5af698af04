import { readFileSync } from 'node:fs';
import { definePlugin, type WebFormDef } from '../../../core/index.js';
import { seedDemoSales } from '../seed/seed-demo.js';
import { convertLeadAction, guardConversionLinks } from './lead-convert.js';
import { afterOpportunityUpdate, beforeOpportunityCreate, beforeOpportunityUpdate } from './opportunity-hooks.js';
import { afterOrderUpdate, beforeLineWrite, beforeOrderDelete, beforeOrderUpdate } from './order-hooks.js';
import { beforePlanWrite } from './plan-hooks.js';
import { keepLastOrderDate } from './last-order.js';
import { listMining, mineJob, startMining } from './mining.js';
import { pyramidMovement } from './pyramid-movement.js';
import { valuePyramid } from './value-pyramid.js';

/** The web form that turns a visitor's message into a lead (a JSON document beside the metadata). */
const webToLead = JSON.parse(readFileSync(new URL('../web-forms/web_to_lead.json', import.meta.url), 'utf8')) as WebFormDef;

/** 销售管理: lead conversion, opportunity stages and assignment, development plans, orders that issue stock, and the value pyramid. */
export default definePlugin({
  setup(api) {
    api.action('lead.convert', convertLeadAction);
    api.before('lead.create', guardConversionLinks);
    api.before('lead.update', guardConversionLinks);

    api.before('opportunity.create', beforeOpportunityCreate);
    api.before('opportunity.update', beforeOpportunityUpdate);
    api.after('opportunity.update', afterOpportunityUpdate);

    for (const action of ['create', 'update', 'delete'] as const) api.before(`development_plan.${action}`, beforePlanWrite);

    for (const action of ['create', 'update', 'delete'] as const) api.before(`order_line.${action}`, beforeLineWrite);
    api.before('sales_order.update', beforeOrderUpdate);
    api.after('sales_order.update', afterOrderUpdate);
    api.after('sales_order.update', keepLastOrderDate);
    api.before('sales_order.delete', beforeOrderDelete);

    api.route(valuePyramid);
    api.route(pyramidMovement);
    api.route(startMining);
    api.route(listMining);
    api.job(mineJob);
    api.webForm(webToLead);
    api.seed({ name: 'demo-sales', demo: true, run: seedDemoSales });
  },
});
