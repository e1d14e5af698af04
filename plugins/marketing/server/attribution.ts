import { getRecord, type BeforeHook, type RecordContext } from '../../../core/index.js';

/** The source campaign of a referenced record, read as the system would see it through the caller (null when none or unreadable). */
const campaignOf = async (entity: string, id: unknown, ctx: RecordContext): Promise<unknown> => {
  if (typeof id !== 'string' || !id) return null;
  try {
    return (await getRecord(entity, id, ctx, { fields: ['source_campaign'] })).source_campaign ?? null;
  } catch {
    return null;
  }
};

/**
 * First touch: an opportunity made from a lead takes the lead's source campaign, and an
 * order made from an opportunity takes the opportunity's, unless one is given; so the
 * revenue of won deals and orders is attributed to the campaign that brought the lead.
 */
export const inheritSourceCampaign = (via: { field: string; entity: string }): BeforeHook => async (event, ctx) => {
  if (event.data.source_campaign) return;
  const campaign = await campaignOf(via.entity, event.data[via.field], ctx);
  if (campaign) event.data.source_campaign = campaign;
};
