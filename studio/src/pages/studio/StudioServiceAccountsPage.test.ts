import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioServiceAccountsPage from './StudioServiceAccountsPage.vue';

const sync = { id: 'a1', name: 'Shop sync', roles: [], team: null, writeScope: 'none', expiresAt: '2099-01-01T00:00:00.000Z', expired: false, active: true, createdAt: '2026-12-01T00:00:00.000Z' };
const key = { id: 'k1', name: 'production', prefix: 'crmk_abcdefg', createdAt: '2026-12-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null };

const buttonIn = (selector: string, text: string) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

describe('service accounts page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says there are none yet, creates one with a write scope and expiry, and shows its new key once', async () => {
    let created = false;
    const { calls } = stubFetch({
      'GET /api/service-accounts': () => json(200, { data: created ? [sync] : [] }),
      'GET /api/studio': { data: [] },
      'POST /api/service-accounts': () => {
        created = true;
        return json(201, sync);
      },
      'GET /api/service-accounts/a1/keys': { data: [] },
      'POST /api/service-accounts/a1/keys': json(201, { ...key, key: 'crmk_secret-shown-once' }),
    });
    const w = mountApp(StudioServiceAccountsPage);
    await flushPromises();
    expect(w.find('.no-accounts').text()).toContain('No service accounts yet');
    await w.find('.add-account').trigger('click');
    await flushPromises();
    const name = document.querySelector('.service-account-dialog input[name="name"]') as HTMLInputElement;
    name.value = 'Shop sync';
    name.dispatchEvent(new Event('input'));
    const readOnly = [...document.querySelectorAll('.service-account-dialog .el-radio')].find((r) => r.textContent?.includes('read only')) as HTMLElement;
    readOnly.click();
    await flushPromises();
    buttonIn('.service-account-dialog', 'Create')!.click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/service-accounts')!;
    expect(JSON.parse(post.body!)).toEqual({ name: 'Shop sync', roles: [], writeScope: 'none', expiresAt: null });
    expect(w.find('.accounts-table').text()).toContain('Shop sync');
    expect(w.find('.accounts-table .writes').text()).toBe('Nothing (read only)');
    // The keys dialog opens; issuing shows the secret once, with a copy button.
    expect(document.querySelector('.service-account-keys')!.textContent).toContain('No keys yet');
    buttonIn('.service-account-keys', 'Issue key')!.click();
    await flushPromises();
    expect((document.querySelector('.new-key input') as HTMLInputElement).value).toBe('crmk_secret-shown-once');
    expect(document.querySelector('.new-key')!.textContent).toContain('shown only once');
    expect(buttonIn('.new-key', 'Copy')).toBeDefined();
    expect(document.querySelector('.keys-table')!.textContent).toContain('crmk_abcdefg');
    w.unmount();
  });

  it('revokes a key only after confirming', async () => {
    const { calls } = stubFetch({
      'GET /api/service-accounts': { data: [sync] },
      'GET /api/studio': { data: [] },
      'GET /api/service-accounts/a1/keys': { data: [key] },
      'DELETE /api/service-accounts/a1/keys/k1': () => new Response(null, { status: 204 }),
    });
    const w = mountApp(StudioServiceAccountsPage, {}, 'zh-CN');
    await flushPromises();
    await w.find('.show-keys').trigger('click');
    await flushPromises();
    expect(document.querySelector('.service-account-keys')!.textContent).toContain('Shop sync 的 API 密钥');
    buttonIn('.service-account-keys', '吊销')!.click();
    await flushPromises();
    expect(document.querySelector('.el-message-box')!.textContent).toContain('使用它的程序将立即停止工作');
    buttonIn('.el-message-box', '吊销')!.click();
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/service-accounts/a1/keys/k1')).toBe(true), { timeout: 10_000 });
    w.unmount();
  });
});
