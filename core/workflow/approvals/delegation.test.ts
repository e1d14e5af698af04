import { describe, expect, it } from 'vitest';
import type { EntityDocument, MetadataDocument } from '../../metadata/types.js';
import { createRecord, type Actor, type RecordContext } from '../../records/index.js';
import { updateUser } from '../../security/index.js';
import { addUser, settle, stepHarness } from '../test-support/step-harness.js';
import { until } from '../test-support/until.js';
import { person } from '../test-support/workflow-tenant.js';
import { decideApproval } from './decide-approval.js';
import { saveDelegation } from './delegations.js';
import { listApprovals } from './list-approvals.js';
import { reassignApproval } from './reassign-approval.js';

const expense: EntityDocument = { kind: 'entity', name: 'expense', titleField: 'title', fields: { title: { type: 'text', required: true }, status: { type: 'text' } } };
const roles = {
  manager: { kind: 'role', name: 'manager', label: { en: 'Manager', 'zh-CN': '经理' }, entities: { expense: { read: 'all' } } },
  clerk: { kind: 'role', name: 'clerk', label: { en: 'Clerk', 'zh-CN': '职员' }, entities: {} },
} as unknown as Record<string, MetadataDocument>;
const flow = { name: 'approve', entity: 'expense', trigger: { on: 'create' }, steps: [{ id: 'ask', type: 'approval', title: 'Approve {{title}}', approvers: { users: [] as string[] } }, { id: 'yes', type: 'set', fields: { status: 'approved' } }] };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('approval delegation and reassignment', () => {
  const h = stepHarness();

  const setUp = async () => {
    const t = await h.tenants.add([expense], [structuredClone(flow)]);
    Object.assign(t.meta.documents.role, roles);
    const user = async (name: string, role: string, locale?: string): Promise<Actor> => ({ ...(await addUser(h.db, t.tenant, name, { roles: [role], locale })), roles: [role], team: null, isAdmin: false });
    const [mia, dee, cleo, max] = [await user('Mia', 'manager'), await user('Dee', 'manager', 'zh-CN'), await user('Cleo', 'clerk'), await user('Max', 'manager')];
    (t.meta.documents.workflow.approve as unknown as { steps: { approvers: { users: string[] } }[] }).steps[0].approvers.users = [mia.id];
    const as = <T>(actor: Actor, fn: (ctx: RecordContext) => Promise<T>) => t.write(fn, actor);
    const away = (delegate: Actor, from: number, to: number) => as(mia, (ctx) => saveDelegation({ userId: mia.id, delegateId: delegate.id, startsOn: day(from), endsOn: day(to) }, ctx, true, { approverName: 'Mia', locales: { [dee.id]: 'zh-CN' } }));
    const vote = (actor: Actor, id: string) => as(actor, (ctx) => decideApproval({ id, decision: 'approve' }, ctx, t.tenant.id, { [dee.id]: 'zh-CN' }));
    const list = (actor: Actor, delegate?: Actor) => as(actor, (ctx) => listApprovals({}, ctx, delegate));
    const start = async (title: string) => {
      const e = await t.write((ctx) => createRecord('expense', { title }, ctx));
      const run = (await t.runs()).find((r) => r.record_id === e.id)!;
      await settle(t, run.id, 'waiting');
      return { run, approval: await t.sql((trx) => trx('_wf_approvals').where({ run_id: run.id }).first()) };
    };
    const notices = (userId: string) => t.sql((trx) => trx('_notifications').where({ user_id: userId }).orderBy('id').pluck('title'));
    return { t, mia, dee, cleo, max, as, away, vote, list, start, notices };
  };

  it('a delegate in range answers for the approver; the vote, notices, list and journal name both', async () => {
    const { t, mia, dee, away, vote, list, start, notices, as } = await setUp();
    await away(dee, 0, 3);
    const { run, approval } = await start('Flight');
    expect(await notices(dee.id)).toEqual(['Mia 指定您为 ' + day(0) + ' 至 ' + day(3) + ' 的外出代理人', '代 Mia 审批（您是代理人）：Approve Flight']);
    expect((await list(dee)).data).toMatchObject([{ id: approval.id, onBehalfOf: [mia.id], delegation: null }]);
    expect((await list(mia, dee)).data).toMatchObject([{ id: approval.id, onBehalfOf: [], delegation: { delegate: dee.id, applies: true } }]);
    const decided = await vote(dee, approval.id);
    expect(decided).toMatchObject({ status: 'approved', onBehalfOf: mia.id, votes: [{ user_id: mia.id, decided_by: dee.id, decision: 'approve' }] });
    expect(await notices(mia.id)).toEqual(['Approve Flight', 'Dee approved on your behalf: Approve Flight']);
    await expect(vote(dee, approval.id)).rejects.toMatchObject({ status: 409 });
    expect((await as(dee, (ctx) => listApprovals({ status: 'approved' }, ctx))).data).toMatchObject([{ id: approval.id, votes: [{ decided_by: dee.id }] }]);
    await settle(t, run.id);
    const [ask] = await t.journal(run.id);
    expect(ask.output).toMatchObject({ decision: 'approved', votes: [{ user_id: mia.id, decided_by: dee.id }] });
  });

  it('does not apply out of its days, nor for a delegate who may not read the record; refuses bad delegations', async () => {
    const { mia, dee, cleo, away, vote, list, start, as } = await setUp();
    await away(dee, 1, 3);
    const { approval } = await start('Hotel');
    await expect(vote(dee, approval.id)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await list(dee)).data).toEqual([]);
    await away(cleo, 0, 1);
    await expect(vote(cleo, approval.id)).rejects.toMatchObject({ status: 403, textKey: 'DELEGATE_CANNOT_READ' });
    expect((await list(cleo)).data).toEqual([]);
    expect((await list(mia, cleo)).data).toMatchObject([{ id: approval.id, delegation: { delegate: cleo.id, applies: false } }]);
    const bad = as(mia, (ctx) => saveDelegation({ userId: mia.id, delegateId: mia.id, startsOn: day(2), endsOn: day(1) }, ctx, true, { approverName: 'Mia' }));
    await expect(bad).rejects.toMatchObject({ status: 400, details: { errors: [{ field: 'delegateId' }, { field: 'endsOn' }] } });
  });

  it('an admin reassigns a pending approval; refused for other users, unreadable records, non-approvers and decided approvals', async () => {
    const { t, mia, cleo, max, vote, start, notices, as } = await setUp();
    const { run, approval } = await start('Taxi');
    const admin = person();
    const reassign = (by: Actor, from: string, to: Actor | null, id = approval.id) => as(by, (ctx) => reassignApproval({ id, from, to: to?.id ?? max.id }, to, ctx, { from: 'Mia', to: to?.name ?? '' }));
    await expect(reassign(cleo, mia.id, max)).rejects.toMatchObject({ status: 403 });
    await expect(reassign(admin, mia.id, cleo)).rejects.toMatchObject({ status: 422, textKey: 'REASSIGNEE_CANNOT_READ' });
    await expect(reassign(admin, max.id, cleo)).rejects.toMatchObject({ status: 422, textKey: 'NOT_AN_OPEN_APPROVER' });
    await expect(reassign(admin, mia.id, mia)).rejects.toMatchObject({ status: 409, textKey: 'ALREADY_APPROVER' });
    await expect(reassign(admin, mia.id, null)).rejects.toMatchObject({ status: 400 });
    await expect(reassign(admin, mia.id, max, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    expect(await reassign(admin, mia.id, max)).toMatchObject({ approvers: [max.id], reassigned: [{ from: mia.id, to: max.id, by: admin.id }] });
    expect(await notices(max.id)).toEqual(['Approval reassigned to you from Mia: Approve Taxi']);
    expect((await notices(mia.id)).at(-1)).toBe('Your approval went to Max: Approve Taxi');
    await expect(vote(mia, approval.id)).rejects.toMatchObject({ status: 403 });
    expect((await vote(max, approval.id)).status).toBe('approved');
    await expect(reassign(admin, max.id, mia)).rejects.toMatchObject({ status: 409, textKey: 'ALREADY_DECIDED' });
    await settle(t, run.id);
    const [ask] = await t.journal(run.id);
    expect(ask.output).toMatchObject({ decision: 'approved', reassigned: [{ from: mia.id, to: max.id }], votes: [{ user_id: max.id, decided_by: null }] });
  });

  it('the approver hands their place on with a reason, and so does their manager, each named as acting for the approver; others get 403', async () => {
    const { t, mia, dee, cleo, max, vote, start, notices, as } = await setUp();
    const boss = { ...(await addUser(h.db, t.tenant, 'Boss', { roles: ['manager'] })), roles: ['manager'], team: null, isAdmin: false } as Actor;
    await updateUser({ tenantId: t.tenant.id, id: mia.id, changes: { manager: boss.id } }, { knex: h.db.knex });
    const { run, approval } = await start('Dinner');
    const reassign = (by: Actor, from: string, to: Actor, reason?: unknown) =>
      as(by, (ctx) => reassignApproval({ id: approval.id, from, to: to.id, reason }, to, ctx, { from: 'Mia', to: to.name ?? '' }));
    // Neither another approver-to-be, nor a clerk, nor the approver's peer may hand Mia's place on.
    await expect(reassign(max, mia.id, dee, 'I know better')).rejects.toMatchObject({ status: 403, textKey: 'REASSIGN_NOT_ALLOWED' });
    await expect(reassign(cleo, mia.id, max, 'please')).rejects.toMatchObject({ status: 403, textKey: 'REASSIGN_NOT_ALLOWED' });
    await expect(reassign(max, 'not-a-user', dee, 'x')).rejects.toMatchObject({ status: 403 });
    // The approver must say why; an over-long reason is refused.
    await expect(reassign(mia, mia.id, max)).rejects.toMatchObject({ status: 400, details: { errors: [{ field: 'reason' }] } });
    await expect(reassign(mia, mia.id, max, 'x'.repeat(501))).rejects.toMatchObject({ status: 400, details: { errors: [{ field: 'reason' }] } });
    expect(await t.sql((trx) => trx('_wf_approvals').where({ id: approval.id }).first('approvers'))).toEqual({ approvers: [mia.id] });

    const first = await reassign(mia, mia.id, max, '  On leave next week  ');
    expect(first.reassignment).toMatchObject({ from: mia.id, to: max.id, by: mia.id, as: 'approver', reason: 'On leave next week' });
    expect(first.reassignment.onBehalfOf).toBeUndefined();
    expect(first.approvers).toEqual([max.id]);
    expect(await notices(max.id)).toContain('Approval reassigned to you from Mia: Approve Dinner');
    // Mia is no approver any more: she may not hand it on again, nor answer.
    await expect(reassign(mia, max.id, dee, 'again')).rejects.toMatchObject({ status: 403 });
    await expect(vote(mia, approval.id)).rejects.toMatchObject({ status: 403 });

    // Max's manager is nobody here; Mia's manager may act for Mia only. Give Max a manager: the boss.
    const listed = (by: Actor, reports: boolean) => as(by, (ctx) => listApprovals({ reports }, ctx));
    expect((await listed(boss, true)).data.map((a) => a.id)).not.toContain(approval.id);
    await updateUser({ tenantId: t.tenant.id, id: max.id, changes: { manager: boss.id } }, { knex: h.db.knex });
    // Asked for, the manager's list holds the approval waiting on a report, naming that report; not by default, nor for a peer.
    expect((await listed(boss, false)).data.map((a) => a.id)).not.toContain(approval.id);
    expect((await listed(boss, true)).data.find((a) => a.id === approval.id)).toMatchObject({ approvers: [max.id], reports: [max.id], onBehalfOf: [] });
    expect((await listed(dee, true)).data.map((a) => a.id)).not.toContain(approval.id);
    const second = await reassign(boss, max.id, dee, 'Max is overloaded');
    expect(second.reassignment).toMatchObject({ from: max.id, to: dee.id, by: boss.id, as: 'manager', onBehalfOf: max.id, reason: 'Max is overloaded' });
    expect(second.reassigned).toMatchObject([{ by: mia.id, as: 'approver' }, { by: boss.id, as: 'manager', onBehalfOf: max.id }]);
    expect((await listed(boss, true)).data.map((a) => a.id)).not.toContain(approval.id);
    expect((await vote(dee, approval.id)).status).toBe('approved');
    await settle(t, run.id);
    const [ask] = await t.journal(run.id);
    expect(ask.output).toMatchObject({ decision: 'approved', reassigned: [{ from: mia.id, to: max.id, reason: 'On leave next week' }, { from: max.id, to: dee.id, by: boss.id, onBehalfOf: max.id }] });
  });

  it('an escalation names who stands in for whom, in the journal and in the escalation approver\'s notice', async () => {
    const { t, mia, dee, max, away, start, vote } = await setUp();
    Object.assign((t.meta.documents.workflow.approve as unknown as { steps: Record<string, unknown>[] }).steps[0], { escalateAfter: { seconds: 1 }, escalateTo: { users: [max.id] } });
    await away(dee, 0, 0);
    const { run, approval } = await start('Train');
    const escalated = await until(async () => {
      const [ask] = await t.journal(run.id);
      return (ask?.output as { escalatedTo?: string[] } | null)?.escalatedTo ? ask : undefined;
    });
    expect(escalated.output).toMatchObject({ escalatedTo: [max.id], delegates: [{ approver: mia.id, delegate: dee.id }] });
    expect(await t.sql((trx) => trx('_notifications').where({ user_id: max.id }).first('title', 'body'))).toEqual({ title: 'Escalated: Approve Train', body: 'Dee stands in for Mia' });
    expect((await vote(dee, approval.id)).votes).toMatchObject([{ user_id: mia.id, decided_by: dee.id }]);
    await settle(t, run.id);
  });
});
