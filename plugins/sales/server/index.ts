import { readFileSync } from 'node:fs';
import { definePlugin, type WebFormDef } from '../../../core/index.js';
import { seedDemoSales } from '../seed/seed-demo.js';
import { seedPlaybook } from '../seed/seed-playbook.js';
import { convertLeadAction, guardConversionLinks } from './lead-convert.js';
import { afterOpportunityUpdate, beforeOpportunityCreate, beforeOpportunityUpdate } from './opportunity-hooks.js';
import { afterOrderUpdate, beforeLineWrite, beforeOrderDelete, beforeOrderUpdate } from './order-hooks.js';
import { beforePlanWrite } from './plan-hooks.js';
import { RETURN_PROBLEMS } from './returns/problems.js';
import { afterReturnWrite, beforeReturnWrite } from './returns/return-hooks.js';
import { keepLastOrderDate } from './last-order.js';
import { crossSell } from './cross-sell.js';
import { applyCustomerPrice, checkPricePeriod, PRICE_PROBLEMS, PRICED_LINES } from './customer-price.js';
import { listMining, startMining } from './mining.js';
import { mineJob } from './mining-job.js';
import { guardTenantWide, queueTenantWide } from './mining-refresh.js';
import { pyramidMovement } from './pyramid-movement.js';
import { valuePyramid } from './value-pyramid.js';
import { QUOTE_PROBLEMS } from './quotes/problems.js';
import { beforeQuoteLineWrite, beforeQuoteWrite } from './quotes/quote-guards.js';
import { afterDiscountDecision } from './quotes/quote-approval.js';
import { afterQuoteAccepted } from './quotes/quote-order.js';
import { newVersionAction } from './quotes/quote-version.js';
import { generateContractAction } from './quotes/generate-contract.js';
import { beforeTemplateWrite } from './quotes/template-version.js';

/** The web form that turns a visitor's message into a lead (a JSON document beside the metadata). */
const webToLead = JSON.parse(readFileSync(new URL('../web-forms/web_to_lead.json', import.meta.url), 'utf8')) as WebFormDef;

/** 销售管理: lead conversion, opportunity stages and assignment, development plans, quotes and contracts, orders that issue stock, and the value pyramid. */
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
    api.errors(RETURN_PROBLEMS);
    for (const action of ['create', 'update', 'delete'] as const) api.before(`sales_return.${action}`, beforeReturnWrite);
    for (const action of ['create', 'update'] as const) api.after(`sales_return.${action}`, afterReturnWrite);

    api.errors(QUOTE_PROBLEMS);
    for (const action of ['create', 'update', 'delete'] as const) api.before(`quote.${action}`, beforeQuoteWrite);
    for (const action of ['create', 'update', 'delete'] as const) api.before(`quote_line.${action}`, beforeQuoteLineWrite);
    // Order and quote lines at the list price take the customer's price (after the line guards above).
    for (const entity of Object.keys(PRICED_LINES)) for (const action of ['create', 'update'] as const) api.before(`${entity}.${action}`, applyCustomerPrice);
    api.errors(PRICE_PROBLEMS);
    for (const action of ['create', 'update'] as const) api.before(`customer_price.${action}`, checkPricePeriod);
    api.after('quote.update', afterDiscountDecision);
    api.after('quote.update', afterQuoteAccepted);
    api.action('quote.new_version', newVersionAction);
    api.action('quote.generate_contract', generateContractAction);
    for (const action of ['create', 'update'] as const) api.before(`document_template.${action}`, beforeTemplateWrite);

    api.route(valuePyramid);
    api.route(pyramidMovement);
    api.route(startMining);
    api.route(listMining);
    api.job(mineJob);
    api.before('mining_run.create', guardTenantWide);
    api.before('mining_run.update', guardTenantWide);
    api.after('mining_run.create', queueTenantWide);
    api.route(crossSell);
    api.webForm(webToLead);
    api.seed({ name: 'playbook', run: seedPlaybook });
    api.seed({ name: 'demo-sales', demo: true, run: seedDemoSales });
  },
});
