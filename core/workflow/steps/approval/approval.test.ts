import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord, deleteRecord, updateRecord, type RecordContext } from '../../../records/index.js';
import { decideApproval } from '../../approvals/decide-approval.js';
import { addUser, settle, stepHarness } from '../../test-support/step-harness.js';
import { until } from '../../test-support/until.js';
import { person } from '../../test-support/workflow-tenant.js';

const expense: EntityDocument = { kind: 'entity', name: 'expense', titleField: 'title', fields: { title: { type: 'text', required: true }, amount: { type: 'decimal' }, status: { type: 'text' } } };
const flow = (ask: Record<string, unknown>) => ({
  name: 'approve', entity: 'expense', trigger: { on: 'create' },
  steps: [
    { id: 'ask', type: 'approval', title: 'Approve {{title}}', onReject: 'no', ...ask },
    { id: 'yes', type: 'set', fields: { status: 'approved' }, next: null },
    { id: 'no', type: 'set', fields: { status: 'rejected' } },
  ],
});

describe('approval step', () => {
  const h = stepHarness();

  const setUp = async (ask: Record<string, unknown>) => {
    const t = await h.tenants.add([expense], [flow(ask)]);
    const managers = [];
    for (const n of ['Mia', 'Max', 'Mo']) managers.push(await addUser(h.db, t.tenant, n, { roles: ['manager'] }));
    const as = (id: string) => <T>(fn: (ctx: RecordContext) => Promise<T>) => t.write(fn, person({ id, isAdmin: false }));
    const vote = (userId: string, approvalId: string, decision: 'approve' | 'reject') => as(userId)((ctx) => decideApproval({ id: approvalId, decision }, ctx, t.tenant.id));
    const start = async (title: string) => {
      const e = await t.write((ctx) => createRecord('expense', { title, amount: 80 }, ctx));
      const run = (await t.runs()).find((r) => r.record_id === e.id)!;
      await settle(t, run.id, 'waiting');
      const approval = await t.sql((trx) => trx('_wf_approvals').where({ run_id: run.id }).first());
      return { e, run, approval };
    };
    return { t, managers, vote, start };
  };

  it('needs 2 of 3 approvers, locks the record meanwhile, and goes on when decided', async () => {
    const { t, managers: [m1, m2, m3], vote, start } = await setUp({ approvers: { roles: ['manager'] }, mode: 'k_of_n', k: 2 });
    const { e, run, approval } = await start('Flight');
    expect(approval).toMatchObject({ status: 'pending', required: 2, mode: 'k_of_n' });
    expect([...approval.approvers].sort()).toEqual([m1.id, m2.id, m3.id].sort());
    await expect(t.write((ctx) => updateRecord('expense', e.id as string, { amount: 90 }, ctx))).rejects.toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    await expect(t.write((ctx) => deleteRecord('expense', e.id as string, ctx))).rejects.toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    await expect(vote(person().id, approval.id, 'approve')).rejects.toMatchObject({ status: 403 });
    expect((await vote(m1.id, approval.id, 'approve')).status).toBe('pending');
    await expect(vote(m1.id, approval.id, 'approve')).rejects.toMatchObject({ status: 409, code: 'ALREADY_VOTED' });
    expect((await vote(m2.id, approval.id, 'reject')).status).toBe('pending');
    expect((await vote(m3.id, approval.id, 'approve')).status).toBe('approved');
    await expect(vote(m2.id, approval.id, 'approve')).rejects.toMatchObject({ status: 409, code: 'ALREADY_DECIDED' });
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('expense').where({ id: e.id }).first('status', 'amount'))).toEqual({ status: 'approved', amount: 80 });
    const [ask] = await t.journal(run.id);
    expect(ask.output).toMatchObject({ decision: 'approved', votes: [{ decision: 'approve' }, { decision: 'reject' }, { decision: 'approve' }] });
    expect(await t.sql((trx) => trx('_notifications').where({ run_id: run.id }).pluck('title'))).toEqual(['Approve Flight', 'Approve Flight', 'Approve Flight']);
    await t.write((ctx) => updateRecord('expense', e.id as string, { amount: 90 }, ctx));
  });

  it('goes to onReject when enough approvers reject', async () => {
    const { t, managers: [m1, m2], vote, start } = await setUp({ approvers: { roles: ['manager'] }, mode: 'k_of_n', k: 2 });
    const { e, run, approval } = await start('Hotel');
    await vote(m1.id, approval.id, 'reject');
    expect((await vote(m2.id, approval.id, 'reject')).status).toBe('rejected');
    await settle(t, run.id);
    expect(await t.sql((trx) => trx('expense').where({ id: e.id }).first('status'))).toEqual({ status: 'rejected' });
  });

  it('escalates after the timeout, telling each in their language; one escalation approver decides', async () => {
    const { t, managers: [m1], vote, start } = await setUp({ approvers: { users: [] as string[] }, mode: 'all', escalateAfter: { seconds: 1 }, escalateTo: { roles: ['director'] } });
    const boss = await addUser(h.db, t.tenant, 'Boss', { roles: ['director'] });
    const chen = await addUser(h.db, t.tenant, 'Chen', { roles: ['director'], locale: 'zh-CN' });
    (t.meta.documents.workflow.approve as unknown as { steps: { approvers: { users: string[] } }[] }).steps[0].approvers.users = [m1.id];
    const { run, approval } = await start('Car');
    await expect(vote(boss.id, approval.id, 'approve')).rejects.toMatchObject({ status: 403 });
    const escalated = await until(async () => {
      const a = await t.sql((trx) => trx('_wf_approvals').where({ id: approval.id }).first());
      return a.escalated_at ? a : undefined;
    });
    expect([...escalated.escalated_to].sort()).toEqual([boss.id, chen.id].sort());
    expect(await t.sql((trx) => trx('_notifications').where({ user_id: boss.id }).pluck('title'))).toEqual(['Escalated: Approve Car']);
    expect(await t.sql((trx) => trx('_notifications').where({ user_id: chen.id }).pluck('title'))).toEqual(['已升级：Approve Car']);
    expect((await vote(boss.id, approval.id, 'approve')).status).toBe('approved');
    await settle(t, run.id);
  });
});
