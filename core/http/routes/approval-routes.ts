import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { actorNames, actorOfUser, audit, listUsers } from '../../security/index.js';
import type { Actor } from '../../security/actor.js';
import { decideApproval, listApprovals, lookupFor, readDelegation, reassignApproval, removeDelegation, saveDelegation } from '../../workflow/index.js';
import { problem } from '../../errors.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { authOf, inTenant } from '../tenant-work.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user of the signed-in user's tenant as an actor, or null when unknown. */
const userActor = async (knex: Knex, ctx: Context, id: unknown): Promise<(Actor & { active: boolean }) | null> =>
  typeof id === 'string' && UUID.test(id) ? actorOfUser({ tenantId: authOf(ctx).tenant.id, id }, { knex }).catch(() => null) : null;

/** Whose delegation a request is about: one's own, or (tenant admins) `?user=`. */
const subjectOf = (ctx: Context): string => {
  const asked = queryString(ctx, 'user');
  const me = authOf(ctx).actor;
  if (asked === undefined || asked === me.id) return me.id;
  if (!me.isAdmin) throw problem('ADMINS_ONLY');
  return asked;
};

/** The names of the users an answer names, for showing (never raw ids on screen). */
const namesOf = async (knex: Knex, ctx: Context, ids: (string | null | undefined)[]) =>
  Object.fromEntries([...(await actorNames({ tenantId: authOf(ctx).tenant.id, ids: ids.filter((i): i is string => typeof i === 'string') }, { knex }))].map(([id, n]) => [id, n.name]));

/**
 * Approvals: the list (with the approvers' names), answering (in person or as an
 * out-of-office delegate), reassigning (the approver, their manager or a tenant admin), and
 * one's out-of-office delegate.
 * Decisions, reassignments and delegations are written to the audit log.
 */
export const addApprovalRoutes = (r: Router, knex: Knex): void => {
  const locales = (ctx: Context) => lookupFor(knex, authOf(ctx).tenant).locales();

  r.get('/workflows/approvals', allowQuery('status', 'all', 'reports'), async (ctx) => {
    const q = { status: queryString(ctx, 'status'), all: queryString(ctx, 'all') === 'true', reports: queryString(ctx, 'reports') === 'true' };
    const mine = await inTenant(knex, ctx, (rctx) => readDelegation(rctx.actor.id, rctx));
    const delegate = mine ? ((await userActor(knex, ctx, mine.delegate_id)) ?? undefined) : undefined;
    const { data } = await inTenant(knex, ctx, (rctx) => listApprovals(q, rctx, delegate));
    const ids = data.flatMap((a) => [...a.approvers, ...(a.escalated_to ?? []), ...a.onBehalfOf, ...a.votes.flatMap((v) => [v.user_id, v.decided_by]), ...a.reassigned.flatMap((x) => [x.from, x.to, x.by]), a.delegation?.delegate]);
    ctx.body = { data, names: await namesOf(knex, ctx, ids) };
  });

  r.post('/workflows/approvals/:id/reassign', allowQuery(), async (ctx) => {
    const b = obj(ctx.state.body);
    const to = await userActor(knex, ctx, b.to);
    const names = await namesOf(knex, ctx, [b.from as string, b.to as string]);
    const langs = await locales(ctx);
    const input = { id: ctx.params.id, from: b.from, to: b.to, reason: b.reason };
    const { reassignment, ...done } = await inTenant(knex, ctx, (rctx) => reassignApproval(input, to, rctx, { from: names[b.from as string] ?? '', to: names[b.to as string] ?? '' }, langs));
    const { tenant, actor } = authOf(ctx);
    const { from, to: toId, as, onBehalfOf, reason } = reassignment;
    await audit(knex, { tenantId: tenant.id, actorId: actor.id, action: 'approval.reassign', target: done.id, details: { from, to: toId, as, onBehalfOf: onBehalfOf ?? null, reason: reason ?? null, ip: ctx.ip } });
    ctx.body = done;
  });

  r.post('/workflows/approvals/:id/:decision', allowQuery(), async (ctx) => {
    const decision = ({ approve: 'approve', reject: 'reject' } as const)[ctx.params.decision as 'approve' | 'reject'];
    if (!decision) return;
    const b = obj(ctx.state.body);
    const langs = await locales(ctx);
    const done = await inTenant(knex, ctx, (rctx) => decideApproval({ id: ctx.params.id, decision, comment: b.comment, onBehalfOf: b.onBehalfOf }, rctx, authOf(ctx).tenant.id, langs));
    const { tenant, actor } = authOf(ctx);
    await audit(knex, { tenantId: tenant.id, actorId: actor.id, action: `approval.${decision}`, target: done.id, details: { status: done.status, onBehalfOf: done.onBehalfOf, reassigned: done.reassigned, ip: ctx.ip } });
    ctx.body = done;
  });

  r.get('/workflows/delegation', allowQuery('user'), async (ctx) => {
    const user = subjectOf(ctx);
    const delegation = (await inTenant(knex, ctx, (rctx) => readDelegation(user, rctx))) ?? null;
    const people = (await listUsers({ tenantId: authOf(ctx).tenant.id }, { knex })).filter((u) => u.active);
    ctx.body = { delegation, candidates: people.map((u) => ({ id: u.id, name: u.name })) };
  });

  r.put('/workflows/delegation', allowQuery('user'), async (ctx) => {
    const user = subjectOf(ctx);
    const b = obj(ctx.state.body);
    const [subject, delegate] = [await userActor(knex, ctx, user), await userActor(knex, ctx, b.delegateId)];
    if (!subject) throw problem('NOT_FOUND');
    const langs = await locales(ctx);
    const saved = await inTenant(knex, ctx, (rctx) => saveDelegation({ userId: user, delegateId: b.delegateId, startsOn: b.startsOn, endsOn: b.endsOn }, rctx, Boolean(delegate?.active), { approverName: subject.name, locales: langs }));
    const { tenant, actor } = authOf(ctx);
    await audit(knex, { tenantId: tenant.id, actorId: actor.id, action: 'approval.delegation_set', target: user, details: { delegate: saved.delegate_id, startsOn: saved.starts_on, endsOn: saved.ends_on, ip: ctx.ip } });
    ctx.body = { delegation: saved };
  });

  r.delete('/workflows/delegation', allowQuery('user'), async (ctx) => {
    const user = subjectOf(ctx);
    const removed = await inTenant(knex, ctx, (rctx) => removeDelegation(user, rctx));
    const { tenant, actor } = authOf(ctx);
    await audit(knex, { tenantId: tenant.id, actorId: actor.id, action: 'approval.delegation_removed', target: user, details: { delegate: removed.delegate_id, ip: ctx.ip } });
    ctx.status = 204;
  });
};
