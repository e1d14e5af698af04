import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioWebhooksPage from './StudioWebhooksPage.vue';

const hook = {
  id: 'w1', url: 'https://erp.example.com/in', description: 'ERP', entities: ['deal', 'account'], events: ['created', 'transitioned'],
  active: true, secret: 'whsec_…abcd', ownerId: 'u1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
const delivery = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id, webhookId: 'w1', event: 'created', entity: 'deal', recordId: '0190aaaa-0000-7000-8000-000000000001', status, attempts: 1,
  responseCode: 200, durationMs: 12, lastError: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deliveredAt: null, ...extra,
});
const buttonIn = (selector: string, text: string) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

describe('StudioWebhooksPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says when there are no webhooks yet, in both languages', async () => {
    stubFetch({ 'GET /api/webhooks': { data: [] } });
    const en = mountApp(StudioWebhooksPage);
    await flushPromises();
    expect(en.find('.no-webhooks').text()).toContain('No webhooks yet');
    en.unmount();
    const zh = mountApp(StudioWebhooksPage, {}, 'zh-CN');
    await flushPromises();
    expect(zh.find('.no-webhooks').text()).toContain('还没有 Webhook');
  });

  it('lists webhooks with entity labels and events, edits events, and shows a new secret once', async () => {
    const { calls } = stubFetch({
      'GET /api/webhooks': { data: [hook] },
      'PATCH /api/webhooks/w1': (_url: string, init: RequestInit) => {
        const { rotateSecret, ...body } = JSON.parse(String(init.body));
        return json(200, { ...hook, ...body, ...(rotateSecret && { secret: 'whsec_0123456789abcdefghijkl' }) });
      },
    });
    const w = mountApp(StudioWebhooksPage, {}, 'zh-CN');
    await flushPromises();
    expect(w.find('.webhook-url').text()).toBe('https://erp.example.com/in');
    expect(w.find('.webhook-entities').text()).toBe('商机, 客户');
    expect(w.findAll('.event-tag').map((e) => e.text())).toEqual(['创建', '状态流转']);
    expect(w.find('.webhook-secret').text()).toBe('whsec_…abcd');

    await w.find('button.edit-webhook').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('.webhook-dialog')!;
    expect((dialog.querySelector('.webhook-url input') as HTMLInputElement).value).toBe('https://erp.example.com/in');
    (dialog.querySelector('[data-event="deleted"] input') as HTMLInputElement).click();
    await flushPromises();
    buttonIn('.webhook-dialog', '保存')!.click();
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(JSON.parse(patch.body!)).toEqual({ url: hook.url, description: 'ERP', entities: ['deal', 'account'], events: ['created', 'transitioned', 'deleted'], active: true });
    expect(document.querySelector('.secret-dialog .secret-value')).toBeNull();

    await w.find('button.rotate-secret').trigger('click');
    await flushPromises();
    (document.querySelector('.el-message-box .el-button--primary') as HTMLButtonElement).click();
    await flushPromises();
    expect(JSON.parse(calls.filter((c) => c.method === 'PATCH')[1].body!)).toEqual({ rotateSecret: true });
    expect((document.querySelector('.secret-dialog .secret-value input') as HTMLInputElement).value).toBe('whsec_0123456789abcdefghijkl');
    expect(document.querySelector('.secret-dialog')!.textContent).toContain('之后不会再显示');
  });

  it('turns server field errors into messages on the form, in the user’s language', async () => {
    stubFetch({
      'GET /api/webhooks': { data: [hook] },
      'PATCH /api/webhooks/w1': json(400, { title: 'Bad Request', status: 400, code: 'INVALID_INPUT', detail: 'The webhook subscription is not valid', errors: [{ field: 'url', code: 'WEBHOOK_URL_PRIVATE', message: 'erp.local resolves to 10.0.0.5, a private, loopback or link-local address (allow it with CRM_WEBHOOK_ALLOW)' }] }),
    });
    const w = mountApp(StudioWebhooksPage, {}, 'zh-CN');
    await flushPromises();
    await w.find('button.edit-webhook').trigger('click');
    await flushPromises();
    buttonIn('.webhook-dialog', '保存')!.click();
    await flushPromises();
    const failing = document.querySelector('.webhook-dialog .el-form-item.is-error')!;
    expect(failing.querySelector('.webhook-url')).not.toBeNull();
    await vi.waitFor(() => expect(failing.querySelector('.el-form-item__error')?.textContent).toContain('erp.local 解析为 10.0.0.5'), { timeout: 10_000 });
  });

  it('shows the delivery log with status tags, empty or not, and redelivers what is no longer on its way', async () => {
    let pages = 0;
    const { calls } = stubFetch({
      'GET /api/webhooks': { data: [hook] },
      'GET /api/webhooks/w1/deliveries': () => (pages++ === 0 ? json(200, { data: [delivery('d1', 'dead', { responseCode: 503, attempts: 8, lastError: 'Answered 503: down' }), delivery('d2', 'retrying')], nextCursor: null }) : json(200, { data: [], nextCursor: null })),
      'POST /api/webhooks/w1/deliveries/d1/redeliver': json(202, delivery('d1', 'pending', { attempts: 8 })),
    });
    const w = mountApp(StudioWebhooksPage);
    await flushPromises();
    await w.find('button.show-deliveries').trigger('click');
    await flushPromises();
    const drawer = document.querySelector('.deliveries-drawer')!;
    expect([...drawer.querySelectorAll('.delivery-status')].map((e) => e.textContent?.trim())).toEqual(['Gave up', 'Retrying']);
    expect(drawer.querySelector('.delivery-error')!.textContent).toBe('Answered 503: down');
    expect(drawer.querySelector('.delivery-event')!.textContent).toBe('Deal · Created');
    expect(drawer.querySelectorAll('button.redeliver')).toHaveLength(1);
    (drawer.querySelector('button.redeliver') as HTMLButtonElement).click();
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/webhooks/w1/deliveries/d1/redeliver')).toBe(true);
    expect([...drawer.querySelectorAll('.delivery-status')].map((e) => e.textContent?.trim())).toEqual(['Pending', 'Retrying']);
    (drawer.querySelector('button.refresh-deliveries') as HTMLButtonElement).click();
    await flushPromises();
    expect(drawer.querySelector('.no-deliveries')!.textContent).toContain('Nothing delivered yet');
  });
});
