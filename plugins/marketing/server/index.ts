import { readFileSync } from 'node:fs';
import { definePlugin, type WebFormDef } from '../../../core/index.js';
import { seedDemoMarketing } from '../seed/seed-demo.js';
import { addSegmentAction } from './add-segment.js';
import { inheritSourceCampaign } from './attribution.js';
import { CAMPAIGN_CHILDREN, campaignInReach } from './campaign-children.js';
import { planOutreachAction } from './outreach.js';
import { MARKETING_PROBLEMS } from './problems.js';
import { createLeadAction, markMemberResponded, responseCampaignByCode } from './response-lead.js';
import { checkSegmentFilter, segmentCount, segmentPreview } from './segments.js';
import { mailUnsubscribedAction, sendEmailAction, sendingProgress } from './send-email.js';
import { lettersExport } from './letters.js';
import { importList } from './import-list.js';
import { marketStatistics } from './market.js';

/** The web form of a campaign's landing page: a visitor's sign-up becomes a response (a JSON document beside the metadata). */
const responseForm = JSON.parse(readFileSync(new URL('../web-forms/campaign_response.json', import.meta.url), 'utf8')) as WebFormDef;

/** 营销管理: segments and their snapshot into campaign members, responses that become leads, first-touch attribution. */
export default definePlugin({
  setup(api) {
    api.errors(MARKETING_PROBLEMS);
    for (const entity of CAMPAIGN_CHILDREN) for (const action of ['create', 'update'] as const) api.before(`${entity}.${action}`, campaignInReach);

    api.before('segment.create', checkSegmentFilter);
    api.before('segment.update', checkSegmentFilter);
    api.route(segmentCount);
    api.route(segmentPreview);
    api.action('campaign.add_segment', addSegmentAction);
    api.action('campaign.plan_outreach', planOutreachAction);
    api.action('campaign.send_email', sendEmailAction);
    api.action('campaign_member.mail_unsubscribed', mailUnsubscribedAction);
    api.route(sendingProgress);
    api.route(lettersExport);
    api.route(importList);
    api.route(marketStatistics);

    api.before('campaign_response.create', responseCampaignByCode);
    api.after('campaign_response.create', (event, ctx) => markMemberResponded(event.data, ctx));
    api.action('campaign_response.create_lead', createLeadAction);
    api.webForm(responseForm);

    api.before('opportunity.create', inheritSourceCampaign({ field: 'source_lead', entity: 'lead' }));
    api.before('sales_order.create', inheritSourceCampaign({ field: 'opportunity', entity: 'opportunity' }));

    api.seed({ name: 'demo-marketing', demo: true, run: seedDemoMarketing });
  },
});
