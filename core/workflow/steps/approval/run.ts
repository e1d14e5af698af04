import { v7 as uuidv7 } from 'uuid';
import { fillText, problem, type Locale, type LocalText } from '../../../errors.js';
import { publishEvent } from '../../../events/index.js';
import { readersAmong } from '../../../records/index.js';
import { approvalTitle, sendNotice } from '../../approvals/approval-notices.js';
import { coversDay, todayOf } from '../../approvals/delegations.js';
import { requiredFor, type ApprovalMode } from '../../approvals/tally.js';
import type { DelegateOf } from '../../runner/lookup.js';
import { defineStep, type StepContext, type StepResult } from '../../types.js';
import { insertNotifications } from '../notify/insert-notifications.js';
import { recipientIds, resolveFixed, type Recipients } from '../recipients.js';
import { byLocale, renderIn } from '../local-text.js';
import { schema } from './schema.js';

type Duration = { seconds?: number; minutes?: number; hours?: number; days?: number };
const millis = (d: Duration) => ((((d.days ?? 0) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60 + (d.seconds ?? 0)) * 1000;

/** The engine's own words for approvers' notifications. */
const TEXTS = {
  needed: { en: 'Approval needed: {what}', 'zh-CN': '待审批：{what}' },
  escalated: { en: 'Escalated: {title}', 'zh-CN': '已升级：{title}' },
  standsIn: { en: '{delegate} stands in for {approver}', 'zh-CN': '{delegate} 代理 {approver}' },
} as const;

/**
 * The delegations active today for the users, whose delegate may read the run's record
 * (a delegation does not apply to a record its delegate may not read).
 */
const applyingDelegations = async (users: string[], ctx: StepContext): Promise<DelegateOf[]> => {
  const today = todayOf({ time: ctx.records?.time, now: ctx.now });
  const active = ((ctx.prepared.delegations ?? []) as DelegateOf[]).filter((d) => users.includes(d.user_id) && coversDay(d, today) && !users.includes(d.delegate.id));
  if (!active.length || !ctx.run.entity || !ctx.run.record_id || !ctx.records) return active;
  const readers = await readersAmong(ctx.run.entity, ctx.run.record_id, active.map((d) => d.delegate), ctx.records);
  return active.filter((d) => readers.has(d.delegate.id));
};

/** Tells the delegates of approvers who are away that an approval waits for them too. */
const notifyDelegates = async (ctx: StepContext, delegations: DelegateOf[], title: Record<Locale, string>) => {
  for (const d of delegations) {
    await sendNotice(ctx.db!, [d.delegate.id], ctx.prepared.locales, 'onBehalfNeeded', (l) => ({ approver: d.userName, title: approvalTitle({ title }, l) }), { entity: ctx.run.entity, recordId: ctx.run.record_id, runId: ctx.run.id });
  }
};

const standsIn = (delegations: DelegateOf[], locale: Locale): string | null =>
  delegations.length ? delegations.map((d) => fillText(TEXTS.standsIn[locale], { delegate: d.delegate.name, approver: d.userName })).join('; ') : null;

const titleOf = (step: Record<string, unknown>, ctx: StepContext, locale: Locale): string =>
  step.title ? renderIn(step.title as LocalText, locale, ctx.data) : fillText(TEXTS.needed[locale], { what: ctx.run.entity ?? ctx.workflow.name });

/** One notification per user, in the user's language. */
const notify = async (ctx: StepContext, users: string[], title: (locale: Locale) => string, body?: (locale: Locale) => string | null) => {
  for (const [locale, group] of byLocale(users, ctx.prepared.locales)) {
    await insertNotifications(ctx.db!, group, { title: title(locale), body: body?.(locale) ?? null, entity: ctx.run.entity, recordId: ctx.run.record_id, runId: ctx.run.id });
  }
};

/** Asks for an approval and parks the run (the record stays locked) until it is decided. */
export const approvalStep = defineStep({
  type: 'approval',
  kind: 'tx',
  schema,
  prepare: async (step, ctx) => ({
    approvers: await resolveFixed(step.approvers as Recipients, ctx.lookup),
    escalate: await resolveFixed(step.escalateTo as Recipients | undefined, ctx.lookup),
    locales: await ctx.lookup.locales(),
    delegations: await ctx.lookup.delegations(),
  }),
  async run(step, ctx) {
    const approvers = recipientIds(step.approvers as Recipients, ctx.prepared.approvers, ctx.data);
    const mode = (step.mode as ApprovalMode | undefined) ?? 'any';
    const required = requiredFor(mode, approvers.length, step.k as number | undefined);
    if (!approvers.length) throw problem('NO_APPROVERS', { step: step.id });
    if (required > approvers.length) throw problem('INVALID_STEP', { step: step.id, reason: `it needs ${required} approvals of ${approvers.length} approvers` });
    const id = uuidv7();
    const title = { en: titleOf(step, ctx, 'en'), 'zh-CN': titleOf(step, ctx, 'zh-CN') };
    const escalateAt = step.escalateAfter ? new Date(ctx.now.getTime() + millis(step.escalateAfter as Duration)) : null;
    await ctx.db!('_wf_approvals').insert({
      id, run_id: ctx.run.id, seq: ctx.seq, step_id: step.id, entity: ctx.run.entity, record_id: ctx.run.record_id,
      approvers: JSON.stringify(approvers), mode, required, escalate_at: escalateAt, title: JSON.stringify(title),
    });
    await notify(ctx, approvers, (locale) => title[locale]);
    const delegations = await applyingDelegations(approvers, ctx);
    await notifyDelegates(ctx, delegations, title);
    const delegates = delegations.map((d) => ({ approver: d.user_id, delegate: d.delegate.id }));
    await publishEvent({ topic: 'approval.requested', audience: { users: [...approvers, ...delegates.map((d) => d.delegate)] }, data: { approval: id, entity: ctx.run.entity, recordId: ctx.run.record_id, title: titleOf(step, ctx, 'en') } }, { db: ctx.db! });
    return { wait: { until: escalateAt, output: { approval: id, approvers, mode, required, ...(delegates.length && { delegates }) } } };
  },
  async resume(step, ctx): Promise<StepResult> {
    const a = await ctx.db!('_wf_approvals').where({ run_id: ctx.run.id, seq: ctx.seq }).forUpdate().first();
    const votes = await ctx.db!('_wf_votes').where({ approval_id: a.id }).orderBy('at').select('user_id', 'decision', 'comment', 'at', 'decided_by');
    const reassigned = (a.reassigned as unknown[] | null)?.length ? { reassigned: a.reassigned } : {};
    if (a.status !== 'pending') {
      const output = { approval: a.id, decision: a.status, votes, ...reassigned };
      return a.status === 'rejected' ? { output, next: (step.onReject as string | null | undefined) ?? null } : { output };
    }
    const due = a.escalate_at && !a.escalated_at && new Date(a.escalate_at).getTime() <= ctx.now.getTime();
    if (due) {
      const to = recipientIds(step.escalateTo as Recipients | undefined, ctx.prepared.escalate, ctx.data).filter((u) => !(a.approvers as string[]).includes(u));
      await ctx.db!('_wf_approvals').where({ id: a.id }).update({ escalated_to: JSON.stringify(to), escalated_at: ctx.now });
      const away = await applyingDelegations([...(a.approvers as string[]), ...to], ctx);
      await notify(ctx, to, (locale) => fillText(TEXTS.escalated[locale], { title: titleOf(step, ctx, locale) }), (locale) => standsIn(away, locale));
      await notifyDelegates(ctx, away.filter((d) => to.includes(d.user_id)), { en: fillText(TEXTS.escalated.en, { title: titleOf(step, ctx, 'en') }), 'zh-CN': fillText(TEXTS.escalated['zh-CN'], { title: titleOf(step, ctx, 'zh-CN') }) });
      const named = { votes, ...reassigned, ...(away.length && { delegates: away.map((d) => ({ approver: d.user_id, delegate: d.delegate.id })) }) };
      return { wait: { until: null, output: { ...(ctx.journal!.output as object), escalatedTo: to, ...named } } };
    }
    return { wait: { until: a.escalated_at ? null : a.escalate_at, output: ctx.journal!.output } };
  },
});
