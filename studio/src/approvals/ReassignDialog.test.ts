import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Approval } from '../api/workflows.js';
import { useSessionStore } from '../stores/session.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import ReassignDialog from './ReassignDialog.vue';

const ME = '00000000-0000-7000-8000-000000000001';
const OTHER = '00000000-0000-7000-8000-000000000002';
const MAX = '00000000-0000-7000-8000-000000000003';
const approval = { id: '00000000-0000-7000-8000-0000000000aa', approvers: [ME, OTHER], escalated_to: null, votes: [], status: 'pending', mode: 'all' } as unknown as Approval;

describe('reassign dialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lets an approver who is no admin hand on only their own place, and only with a reason', async () => {
    const { calls } = stubFetch({
      'GET /api/workflows/delegation': { delegation: null, candidates: [{ id: MAX, name: 'Max' }, { id: OTHER, name: 'Olga' }] },
      [`POST /api/workflows/approvals/${approval.id}/reassign`]: { id: approval.id, approvers: [MAX, OTHER], reassigned: [] },
    });
    const w = mountApp(ReassignDialog, { props: { approval, names: { [ME]: 'Ada', [OTHER]: 'Olga' } } }, 'en', () => {
      const session = useSessionStore();
      session.user = { ...session.user!, isAdmin: false };
    });
    await flushPromises();
    const dialog = document.body.querySelector('.reassign-dialog')!;
    expect(dialog.querySelector('.reassign-from')!.textContent).toContain('Ada');
    const confirm = dialog.querySelector<HTMLButtonElement>('.confirm-reassign')!;
    expect(confirm.disabled).toBe(true);
    const vm = w.vm as unknown as { from: string; to: string; reason: string };
    expect(vm.from).toBe(ME);
    vm.to = MAX;
    await flushPromises();
    expect(confirm.disabled).toBe(true);
    const reason = dialog.querySelector<HTMLTextAreaElement>('.reassign-reason textarea')!;
    reason.value = 'Away next week';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ from: ME, to: MAX, reason: 'Away next week' });
    expect(w.emitted('done')).toHaveLength(1);
    w.unmount();
  });
});
