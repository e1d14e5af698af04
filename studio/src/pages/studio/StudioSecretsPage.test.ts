import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioSecretsPage from './StudioSecretsPage.vue';

const ADA = '00000000-0000-4000-8000-0000000000a1';
const users = { data: [{ id: ADA, name: 'Ada Admin', email: 'ada@example.com', isAdmin: true, roles: [], team: null, active: true }] };
const settings = { timeZone: 'Asia/Shanghai', version: 1 };
const token = { name: 'SHOP_TOKEN', updatedAt: '2026-12-01T20:30:00.000Z', updatedBy: ADA };
const inShanghai = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));

const buttonIn = (selector: string, text: string) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
const itemError = (name: string) => document.querySelector(`.secret-dialog input[name="${name}"]`)?.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim();
const type = (selector: string, value: string) => {
  const input = document.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

describe('secrets page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('explains how secrets are used, checks the name, and adds one without ever showing its value', async () => {
    let stored: (typeof token)[] = [];
    const { calls } = stubFetch({
      'GET /api/settings': settings,
      'GET /api/users': users,
      'GET /api/secrets': () => json(200, { data: stored }),
      'PUT /api/secrets/SHOP_TOKEN': () => {
        stored = [token];
        return json(200, token);
      },
    });
    const w = mountApp(StudioSecretsPage);
    await flushPromises();
    const empty = w.find('.no-secrets');
    expect(empty.text()).toContain('No secrets yet');
    expect(empty.find('.script-example').text()).toBe("await crm.secret('NAME')");
    expect(empty.find('.webhook-example').text()).toBe('{{secret.NAME}}');

    await w.find('.add-secret').trigger('click');
    await flushPromises();
    const value = document.querySelector('.secret-dialog input[name="value"]') as HTMLInputElement;
    expect(value.type).toBe('password');
    type('.secret-dialog input[name="name"]', '1-shop');
    type('.secret-dialog input[name="value"]', 's3cret-value');
    await flushPromises();
    buttonIn('.secret-dialog', 'Save')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(itemError('name')).toBe('Start with a letter and use only letters, digits and _ (at most 64 characters).'), { timeout: 10_000 });
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    type('.secret-dialog input[name="name"]', 'SHOP_TOKEN');
    await flushPromises();
    buttonIn('.secret-dialog', 'Save')!.click();
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/secrets/SHOP_TOKEN');
    expect(JSON.parse(put.body!)).toEqual({ value: 's3cret-value' });
    const row = w.find('.secrets-table');
    expect(row.find('.secret-name').text()).toBe('SHOP_TOKEN');
    expect(row.find('.updated-at').text()).toBe(inShanghai(token.updatedAt, 'en'));
    expect(row.find('.updated-by').text()).toBe('Ada Admin');
    expect(document.body.innerHTML).not.toContain('s3cret-value');
    w.unmount();
  });

  it('refuses a name already in use and shows the server’s field problems in the reader’s language', async () => {
    const { calls } = stubFetch({
      'GET /api/settings': settings,
      'GET /api/users': users,
      'GET /api/secrets': { data: [token] },
      'PUT /api/secrets/OTHER': json(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'INVALID_INPUT',
        detail: 'The secret is not valid',
        errors: [{ field: 'value', message: 'is required (text of at most 8192 characters)' }],
      }),
    });
    const w = mountApp(StudioSecretsPage, {}, 'zh-CN');
    await flushPromises();
    await w.find('.add-secret').trigger('click');
    await flushPromises();
    type('.secret-dialog input[name="name"]', 'SHOP_TOKEN');
    type('.secret-dialog input[name="value"]', 'x');
    await flushPromises();
    buttonIn('.secret-dialog', '保存')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(itemError('name')).toBe('名为“SHOP_TOKEN”的密钥已存在。如需修改，请使用“替换值”。'), { timeout: 10_000 });
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    type('.secret-dialog input[name="name"]', 'OTHER');
    await flushPromises();
    buttonIn('.secret-dialog', '保存')!.click();
    await flushPromises();
    await vi.waitFor(() => expect(itemError('value')).toBe('为必填项（最多 8192 个字符的文本）'), { timeout: 10_000 });
    expect(document.querySelector('.secret-dialog')!.textContent).not.toContain('is required');
    w.unmount();
  });

  it('replaces a value, and deletes only after a warning that scripts and webhooks using it will fail', async () => {
    const replaced = { ...token, updatedAt: '2026-12-05T01:00:00.000Z' };
    const { calls } = stubFetch({
      'GET /api/settings': settings,
      'GET /api/users': users,
      'GET /api/secrets': { data: [token] },
      'PUT /api/secrets/SHOP_TOKEN': json(200, replaced),
      'DELETE /api/secrets/SHOP_TOKEN': () => new Response(null, { status: 204 }),
    });
    const w = mountApp(StudioSecretsPage, {}, 'zh-CN');
    await flushPromises();
    expect(w.find('.updated-at').text()).toBe(inShanghai(token.updatedAt, 'zh-CN'));

    await w.find('.replace-secret').trigger('click');
    await flushPromises();
    expect(document.querySelector('.secret-dialog')!.textContent).toContain('替换“SHOP_TOKEN”的值');
    expect(document.querySelector('.secret-dialog input[name="name"]')).toBeNull();
    type('.secret-dialog input[name="value"]', 'new-value');
    await flushPromises();
    buttonIn('.secret-dialog', '保存')!.click();
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/secrets/SHOP_TOKEN');
    expect(JSON.parse(put.body!)).toEqual({ value: 'new-value' });
    expect(w.find('.updated-at').text()).toBe(inShanghai(replaced.updatedAt, 'zh-CN'));

    await w.find('.delete-secret').trigger('click');
    await flushPromises();
    expect(document.querySelector('.el-message-box')!.textContent).toContain('使用它的脚本和 Webhook 步骤将会失败');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    buttonIn('.el-message-box', '删除')!.click();
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/secrets/SHOP_TOKEN')).toBe(true), { timeout: 10_000 });
    await vi.waitFor(() => expect(w.find('.no-secrets').exists()).toBe(true), { timeout: 10_000 });
    w.unmount();
  });

  it('shows a refusal from the server as the app words it', async () => {
    stubFetch({
      'GET /api/settings': settings,
      'GET /api/users': users,
      'GET /api/secrets': json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'There is no secret named “GONE”.', params: { name: 'GONE' } }),
    });
    const w = mountApp(StudioSecretsPage, {}, 'zh-CN');
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toContain('没有名为“GONE”的密钥');
    expect(w.find('.no-secrets').exists()).toBe(false);
    w.unmount();
  });
});
