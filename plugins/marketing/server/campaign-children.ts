import { getRecord, isAppError, ruleViolation, type BeforeHook } from '../../../core/index.js';

/** What belongs to a campaign: its costs, content, checklist, members and responses. */
export const CAMPAIGN_CHILDREN = ['campaign_cost', 'campaign_content', 'campaign_task', 'campaign_member', 'campaign_response'] as const;

/**
 * A campaign's records are added only to a campaign the writer may read (a marketer: her own),
 * since a role's create right cannot say "under one of my campaigns"; a campaign out of reach
 * is refused like one that does not exist.
 */
export const campaignInReach: BeforeHook = async (event, ctx) => {
  const id = event.data.campaign;
  if (!id || (event.action === 'update' && id === event.old?.campaign)) return;
  try {
    await getRecord('campaign', String(id), ctx, { fields: ['id'] });
  } catch (e) {
    if (!isAppError(e) || e.status !== 404) throw e;
    throw ruleViolation('The campaign does not exist or is not yours', { errors: [{ field: 'campaign', message: 'is not a campaign you may work on', code: 'NOT_YOUR_CAMPAIGN' }] });
  }
};
