import { problem, runTransition, type Actor, type AfterHook, type BeforeHook } from '../../../core/index.js';

/** A person signed in to the portal (core's portal actors are `portal:<id>`). */
export const isPortalActor = (actor: Actor): boolean => actor.id.startsWith('portal:');

/**
 * 门户服务请求: a case a portal user files is always for their own customer and from their
 * own contact, through the `portal` channel; what they send for those is not taken. It then
 * starts like any other case: `new`, its SLA due time from its priority (the service
 * plugin's hooks), waiting for the service manager's assignment.
 */
export const portalCaseCreate: BeforeHook = (event, ctx) => {
  if (!isPortalActor(ctx.actor)) return;
  const { customer, contact } = ctx.actor.attributes ?? {};
  if (typeof customer !== 'string' || !customer) {
    throw problem('PORTAL_ACCOUNT_NO_CUSTOMER', {}, { errors: [{ field: 'customer', message: 'no customer is linked to your account' }] });
  }
  event.data.customer = customer;
  event.data.contact = typeof contact === 'string' ? contact : null;
  event.data.channel = 'portal';
};

/**
 * 满意度调查: when a portal user answers the survey of a handled case (a satisfaction from
 * 1 up), the case takes the lifecycle's `feedback` transition in the same transaction.
 */
export const portalSurveyAnswered: AfterHook = async (event, ctx) => {
  if (!isPortalActor(ctx.actor)) return;
  const record = event.data;
  if (event.old?.status !== 'handled' || record.status !== 'handled') return;
  if (typeof record.satisfaction !== 'number' || record.satisfaction < 1) return;
  await runTransition({ entity: 'service_case', id: String(record.id), transition: 'feedback' }, ctx);
};
