import { getRecord, ruleViolation, updateRecord, type AfterHook, type BeforeHook, type RecordContext } from '../../../core/index.js';
import { CLOSED_STAGES, changedFields, today, withSystemRights } from './shared.js';

/** The probability each stage implies, set when the stage changes (and editable in between). */
export const STAGE_PROBABILITY: Record<string, number> = { prospecting: 10, qualification: 25, proposal: 50, negotiation: 75, won: 100, lost: 0 };

/** What may still change on a won or lost opportunity. */
const CHANGEABLE_WHEN_CLOSED = ['description', 'owner_id'];

/** A new opportunity given to someone else is assigned now. */
export const beforeOpportunityCreate: BeforeHook = (event, ctx) => {
  const owner = event.data.owner_id;
  if (owner && owner !== ctx.actor.id) event.data.assigned_at = new Date().toISOString();
};

/**
 * 指派 and stages: an owner change stamps `assigned_at`; a stage change sets the stage's
 * probability (unless the change gives one) and closes the opportunity on won or lost. A
 * closed opportunity keeps its figures.
 */
export const beforeOpportunityUpdate: BeforeHook = (event, ctx) => {
  const { data, old } = event;
  // A merge moving its customer or contact to the surviving record changes no figure.
  if (CLOSED_STAGES.includes(String(old?.stage)) && event.via !== 'action:repoint') {
    const locked = changedFields(data, old).filter((f) => !CHANGEABLE_WHEN_CLOSED.includes(f));
    if (locked.length) {
      throw ruleViolation(`This opportunity is ${String(old?.stage)}; it no longer changes`, { errors: locked.map((field) => ({ field, message: 'the opportunity is closed' })) });
    }
  }
  if (changedFields(data, old, ['owner_id']).length) data.assigned_at = new Date().toISOString();
  if (changedFields(data, old, ['stage']).length) {
    const stage = String(data.stage);
    if (!('probability' in data) && stage in STAGE_PROBABILITY) data.probability = STAGE_PROBABILITY[stage];
    if (CLOSED_STAGES.includes(stage)) data.closed_on ??= today(ctx);
  }
};

/**
 * 开发成功 / 开发失败: a won opportunity turns its prospect into an active customer; a lost
 * one closes the prospect (status lost) unless another of its opportunities is still open
 * or was won.
 */
export const afterOpportunityUpdate: AfterHook = async (event, ctx) => {
  const stage = event.data.stage;
  if (stage === event.old?.stage || !CLOSED_STAGES.includes(String(stage))) return;
  const customerId = String(event.data.customer);
  const sys = withSystemRights(ctx);
  const customer = await getRecord('customer', customerId, sys, { fields: ['status'] });
  if (customer.status !== 'prospect') return;
  if (stage === 'won') {
    await updateRecord('customer', customerId, { status: 'active' }, sys);
    return;
  }
  if (!(await hasOtherLiveOpportunity(customerId, String(event.data.id), ctx))) await updateRecord('customer', customerId, { status: 'lost' }, sys);
};

const hasOtherLiveOpportunity = async (customer: string, except: string, ctx: RecordContext): Promise<boolean> => {
  const row = await ctx.db('opportunity').where({ customer }).whereNot({ id: except }).whereNot({ stage: 'lost' }).whereNull('deleted_at').first('id');
  return Boolean(row);
};
