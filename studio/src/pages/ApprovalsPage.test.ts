import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Approval } from '../api/workflows.js';
import type { AppLocale } from '../i18n/index.js';
import { useSessionStore } from '../stores/session.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import ApprovalsPage from './ApprovalsPage.vue';

const BOSS = '00000000-0000-7000-8000-000000000001';
const MAX = '00000000-0000-7000-8000-000000000002';
const DEE = '00000000-0000-7000-8000-000000000003';
const OLGA = '00000000-0000-7000-8000-000000000004';
const row = (id: string, extra: Partial<Approval>): Approval =>
  ({ id, status: 'pending', mode: 'all', required: null, approvers: [MAX, OLGA], escalated_to: null, entity: 'deal', record_id: `${id.slice(0, -2)}ff`, step_id: 'ask', run_id: id, workflow: 'approve', created_at: '2026-12-01T09:00:00Z', escalate_at: null, decided_at: null, title: { en: 'Big deal', 'zh-CN': '大单' }, votes: [], reassigned: [], onBehalfOf: [], reports: [], ...extra }) as Approval;
const theirs = row('00000000-0000-7000-8000-0000000000a1', { reports: [MAX] });
const mine = row('00000000-0000-7000-8000-0000000000a2', { approvers: [BOSS] });

const mountAs = (locale: AppLocale) => {
  const stub = stubFetch({
    'GET /api/workflows/approvals': { data: [theirs, mine], names: { [MAX]: 'Max', [OLGA]: 'Olga', [BOSS]: 'Boss' } },
    'GET /api/workflows/delegation': { delegation: null, candidates: [{ id: MAX, name: 'Max' }, { id: DEE, name: 'Dee' }, { id: OLGA, name: 'Olga' }] },
    [`POST /api/workflows/approvals/${theirs.id}/reassign`]: { id: theirs.id, approvers: [DEE, OLGA], reassigned: [] },
  });
  const w = mountApp(ApprovalsPage, {}, locale, () => {
    const session = useSessionStore();
    session.user = { ...session.user!, id: BOSS, name: 'Boss', isAdmin: false };
  });
  return { ...stub, w };
};
const rowOf = (id: string) => document.body.querySelector(`.decide[data-approval="${id}"]`)!;

describe('approvals page: reassigning as a manager', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks for the reports\' approvals, offers only Reassign on theirs, and hands a report\'s place on with a reason', async () => {
    const { calls, w } = mountAs('en');
    await flushPromises();
    expect(calls.find((c) => c.url.includes('/api/workflows/approvals'))!.url).toContain('reports=true');
    const their = rowOf(theirs.id);
    expect(their.querySelector('.approve')).toBeNull();
    expect(their.querySelector('.for-reports')!.textContent).toBe('Waiting on Max, who report to you');
    expect(rowOf(mine.id).querySelector('.approve')).not.toBeNull();
    their.querySelector<HTMLButtonElement>('.reassign')!.click();
    await flushPromises();
    const dialog = document.body.querySelector('.reassign-dialog')!;
    // Only the report's place is offered (not Olga's, who is no report), and no approver is offered as the new one.
    expect(dialog.querySelector('.reassign-from')!.textContent).toContain('Max');
    const confirm = dialog.querySelector<HTMLButtonElement>('.confirm-reassign')!;
    const vm = w.findComponent({ name: 'ReassignDialog' }).vm as unknown as { seats: string[]; from: string; to: string; people: { id: string }[] };
    expect(vm.seats).toEqual([MAX]);
    expect(vm.from).toBe(MAX);
    vm.to = DEE;
    await flushPromises();
    expect(confirm.disabled).toBe(true);
    const reason = dialog.querySelector<HTMLTextAreaElement>('.reassign-reason textarea')!;
    reason.value = 'Max is overloaded';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ from: MAX, to: DEE, reason: 'Max is overloaded' });
    // The list is read again after the reassignment.
    expect(calls.filter((c) => c.url.includes('/api/workflows/approvals?')).length).toBe(2);
    w.unmount();
  });

  it('says whose approval it is in Chinese, and the action is 转交', async () => {
    const { w } = mountAs('zh-CN');
    await flushPromises();
    const their = rowOf(theirs.id);
    expect(their.querySelector('.for-reports')!.textContent).toBe('等待您的下属 Max 审批');
    expect(their.querySelector('.reassign')!.textContent).toContain('转交');
    w.unmount();
  });
});
