import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import ApprovalsPage from '../pages/ApprovalsPage.vue';
import NotificationBell from './NotificationBell.vue';

const note = (id: string, read = false) => ({ id, title: `Title ${id}`, body: `Body ${id}`, entity: 'customer', record_id: 'c1', run_id: 'r1', read_at: read ? '2026-01-01T00:00:00Z' : null, created_at: '2026-01-01T00:00:00Z' });

describe('NotificationBell', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the unread count, lists the notifications and marks one read', async () => {
    let read = false;
    const { calls } = stubFetch({
      'GET /api/notifications': () => new Response(JSON.stringify({ data: [note('n1', read), note('n2', true)], unread: read ? 0 : 1 }), { status: 200 }),
      'POST /api/notifications/n1/read': () => {
        read = true;
        return new Response(null, { status: 204 });
      },
    });
    const w = mountApp(NotificationBell, {}, 'zh-CN');
    await flushPromises();
    expect(w.find('.el-badge__content').text()).toBe('1');
    await w.find('button.bell').trigger('click');
    await flushPromises();
    const items = [...document.querySelectorAll('.notification')];
    expect(items.map((i) => i.classList.contains('unread'))).toEqual([true, false]);
    expect(document.body.textContent).toContain('1 条未读');
    (document.querySelector('[data-notification="n1"] .mark-read') as HTMLElement).click();
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/notifications/n1/read')).toBe(true);
    expect(document.querySelectorAll('.notification.unread')).toHaveLength(0);
    expect(w.findComponent({ name: 'ElBadge' }).props('hidden')).toBe(true);
    w.unmount();
  });

  it('listens to the live stream instead of polling: a notification event reloads the list', async () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource extends EventTarget {
      static CLOSED = 2;
      readyState = 1;
      onerror: (() => void) | null = null;
      constructor(readonly url: string) {
        super();
        sources.push(this);
      }
      close() {
        this.readyState = 2;
      }
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    let count = 0;
    stubFetch({ 'GET /api/notifications': () => new Response(JSON.stringify({ data: [note('n1')].slice(0, count), unread: count }), { status: 200 }) });
    const w = mountApp(NotificationBell, {}, 'en');
    const deadline = Date.now() + 5_000;
    while (!sources.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(sources.map((s) => s.url)).toEqual(['/api/events']);
    expect(w.findComponent({ name: 'ElBadge' }).props('hidden')).toBe(true);
    count = 1;
    sources[0].dispatchEvent(new MessageEvent('notification', { data: JSON.stringify({ title: 'Title n1' }), lastEventId: '7' }));
    await flushPromises();
    expect(w.find('.el-badge__content').text()).toBe('1');
    w.unmount();
    const closing = Date.now() + 5_000;
    while (sources[0].readyState !== 2 && Date.now() < closing) await new Promise((r) => setTimeout(r, 5));
    expect(sources[0].readyState).toBe(2);
  });
});

describe('ApprovalsPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the pending approvals and rejects one with a comment', async () => {
    let pending = true;
    const approval = { id: 'a1', status: 'pending', mode: 'k_of_n', required: 2, approvers: ['u1', 'u2', 'u3'], escalated_to: null, entity: 'customer', record_id: 'c1', step_id: 'ok', run_id: 'r1', workflow: 'big_deal', created_at: '2026-01-01T00:00:00Z', escalate_at: null, decided_at: null };
    const { calls } = stubFetch({
      'GET /api/workflows/approvals': () => new Response(JSON.stringify({ data: pending ? [approval] : [] }), { status: 200 }),
      'POST /api/workflows/approvals/a1/reject': () => {
        pending = false;
        return new Response(JSON.stringify({ id: 'a1', status: 'rejected' }), { status: 200 });
      },
    });
    const w = mountApp(ApprovalsPage);
    await flushPromises();
    expect(w.text()).toContain('Big deal');
    expect(w.text()).toContain('2 of 3 approvers');
    await w.find('[data-approval="a1"] .reject').trigger('click');
    await flushPromises();
    const textarea = document.querySelector('.approval-dialog textarea') as HTMLTextAreaElement;
    textarea.value = 'Price too low';
    textarea.dispatchEvent(new Event('input'));
    (document.querySelector('.approval-dialog .confirm-decision') as HTMLElement).click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/workflows/approvals/a1/reject');
    expect(JSON.parse(post.body!)).toEqual({ comment: 'Price too low' });
    expect(w.find('[data-approval="a1"]').exists()).toBe(false);
    w.unmount();
  });

  it('shows in Chinese whom one stands in for, that one\'s own delegate cannot read a record, and answers as the delegate', async () => {
    const base = { status: 'pending', mode: 'any', required: 1, escalated_to: null, entity: 'customer', record_id: 'c1', step_id: 'ok', run_id: 'r1', workflow: 'big_deal', created_at: '2026-01-01T00:00:00Z', escalate_at: null, decided_at: null, votes: [], reassigned: [] };
    const rows = [
      { ...base, id: 'a1', approvers: ['mia'], onBehalfOf: ['mia'], delegation: null, title: { en: 'Approve Acme', 'zh-CN': '审批 Acme' } },
      { ...base, id: 'a2', approvers: ['me'], onBehalfOf: [], delegation: { delegate: 'cleo', until: '2026-01-09', applies: false }, reassigned: [{ from: 'max', to: 'me', by: 'boss', at: '2026-01-01T00:00:00Z' }] },
    ];
    const { calls } = stubFetch({
      'GET /api/workflows/approvals': () => new Response(JSON.stringify({ data: rows, names: { mia: 'Mia', cleo: 'Cleo', max: 'Max', me: 'Me' } }), { status: 200 }),
      'GET /api/workflows/delegation': () => new Response(JSON.stringify({ delegation: null, candidates: [] }), { status: 200 }),
      'POST /api/workflows/approvals/a1/approve': () => new Response(JSON.stringify({ id: 'a1', status: 'approved' }), { status: 200 }),
    });
    const w = mountApp(ApprovalsPage, {}, 'zh-CN');
    await flushPromises();
    expect(w.text()).toContain('审批 Acme');
    expect(w.text()).toContain('代 Mia 审批（您是代理人）');
    expect(w.text()).toContain('您的代理人 Cleo 无权查看此记录');
    expect(w.text()).toContain('已从 Max 转交给 Me');
    expect(w.find('[data-test="out-of-office"]').text()).toContain('未设置代理人。');
    await w.find('[data-approval="a1"] .approve').trigger('click');
    await flushPromises();
    (document.querySelector('.approval-dialog .confirm-decision') as HTMLElement).click();
    await flushPromises();
    expect(JSON.parse(calls.find((c) => c.method === 'POST')!.body!)).toEqual({ onBehalfOf: 'mia' });
    w.unmount();
  });
});
