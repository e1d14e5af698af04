import { forbidden, getRecord, isAppError, ruleViolation, type BeforeHook, type RecordContext } from '../../../core/index.js';
import { CLOSED_STAGES, changedFields, today } from './shared.js';

/** The opportunity a plan step belongs to, as the actor sees it (an opportunity assigned to someone else is not theirs to plan). */
const openOpportunity = async (id: unknown, ctx: RecordContext): Promise<void> => {
  if (typeof id !== 'string' || !id) return; // required: validation names it
  let opportunity;
  try {
    opportunity = await getRecord('opportunity', id, ctx, { fields: ['stage'] });
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw forbidden('Plan steps are written by the manager the opportunity is assigned to', { errors: [{ field: 'opportunity', message: 'is not assigned to you' }] });
    throw e;
  }
  if (CLOSED_STAGES.includes(String(opportunity.stage))) {
    throw ruleViolation(`The opportunity is ${String(opportunity.stage)}; its development plan is closed`, { errors: [{ field: 'opportunity', message: 'is closed' }] });
  }
};

/**
 * 客户开发计划: steps are written for an open opportunity the actor sees (its assigned
 * manager, or a director); ticking `done` records the day it was carried out.
 */
export const beforePlanWrite: BeforeHook = async (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete') return openOpportunity(data.opportunity, ctx);
  await openOpportunity(data.opportunity ?? old?.opportunity, ctx);
  if (changedFields(data, old, ['opportunity']).length && old) await openOpportunity(old.opportunity, ctx);
  if (changedFields(data, old, ['done']).length) data.done_on = data.done ? (data.done_on ?? today(ctx)) : null;
};
