import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/http/test-server.js';
import { createUser, signIn, startE2eApp, type E2eApp } from './harness.js';

const X = '/api/x/callcenter';

/** The call center in a browser: a call the gateway hands over pops the caller on the agent's console; notes and disposition are saved; the wallboard follows the queue, in English and in Chinese; the IVR menu on the canvas with a dry run. */
describe('call center in a browser', () => {
  let app: E2eApp;
  const contexts: BrowserContext[] = [];
  let agent: Page;
  let board: Page;
  let contactId = '';
  const problems: string[] = [];

  /** The gateway's side: calls and PBX events through the plugin's routes, as the admin (who holds `phone_call.offer`). */
  const gateway = async (path: string, body: Record<string, unknown>) => {
    const res = await app.call('POST', `${X}${path}`, body);
    if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const open = async (email: string, locale = 'en-US') => {
    const { context, page } = await app.newPage({ locale });
    contexts.push(context);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/');
    await signIn(page, { ...app, email }, locale === 'zh-CN' ? { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' } : undefined);
    await page.waitForURL(/\/app/);
    return page;
  };
  /** Opens a page of the app and waits until its live-event stream is open (the figures and the pop come through it). */
  const visit = async (page: Page, path: string) => {
    const streaming = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
    await page.goto(path);
    await streaming;
  };
  const figure = (page: Page, test: string) => page.locator(`[data-test="wallboard"] [data-test="${test}"]`).textContent();

  beforeAll(async () => {
    app = await startE2eApp('e2e_callcenter');
    for (const plugin of ['sales', 'callcenter']) {
      const installed = await app.call('POST', `/api/plugins/${plugin}/install`, {});
      if (installed.status !== 200) throw new Error(`installing ${plugin} failed: ${JSON.stringify(installed.body)}`);
    }
    await createUser(app, { email: 'agent@e2e.test', name: '陈晓燕', roles: ['call_agent'] });
    await createUser(app, { email: 'manager@e2e.test', name: '孙立伟', roles: ['call_center_manager'] });
    const customer = (await app.call('POST', '/api/records/customer', { name: '苏州恒信精密机械有限公司' })).body;
    contactId = (await app.call('POST', '/api/records/contact', { customer: customer.id, name: '刘建国', mobile: '138 1234 5678' })).body.id;
    const queue = await app.call('POST', '/api/records/call_queue', { name: 'general', label: '综合咨询', strategy: 'longest_idle' });
    if (queue.status !== 201) throw new Error(`creating the queue failed: ${JSON.stringify(queue.body)}`);
    agent = await open('agent@e2e.test');
    board = await open('manager@e2e.test');
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await app?.close();
  });

  it('pops the caller on the agent\'s console, saves notes and disposition, and the wallboard follows the queue', async () => {
    await visit(agent, '/app/call-console');
    await agent.locator('input[data-test="extension"], [data-test="extension"] input').fill('8001');
    await agent.locator('[data-test="sign-in"]').click();
    await agent.locator('[data-test="go-available"]').click();
    await expect.poll(() => agent.locator('[data-test="agent-state"]').textContent()).toBe('Available');

    await visit(board, '/app/wallboard');
    await expect.poll(() => figure(board, 'offered')).toBe('0');

    const { call } = await gateway('/calls', { ani: '+8613812345678', dnis: '+864008001234', ctiCallId: 'e2e-1' });
    expect(call.status).toBe('ringing');
    await expect.poll(() => agent.locator('[data-test="pop"]').textContent()).toContain('刘建国');
    await gateway('/cti/events', { type: 'answered', callId: 'e2e-1', by: 'agent', extension: '8001' });
    await expect.poll(() => agent.locator('[data-test="agent-state"]').textContent()).toBe('On a call');

    // A second caller finds the only agent busy: the wallboard shows them waiting, then abandoning.
    await gateway('/calls', { ani: '+8613900001111', dnis: '+864008001234', ctiCallId: 'e2e-2' });
    await expect.poll(() => figure(board, 'waiting')).toBe('1');
    await gateway('/cti/events', { type: 'hungup', callId: 'e2e-2', by: 'caller', cause: 'normal' });
    await expect.poll(() => figure(board, 'waiting')).toBe('0');
    await expect.poll(() => figure(board, 'offered')).toBe('1');

    await agent.locator('textarea[data-test="notes"], [data-test="notes"] textarea').fill('咨询设备保修期限，已告知两年');
    await agent.locator('[data-test="disposition"]').click();
    await agent.getByRole('option', { name: 'Information given' }).click();
    await agent.locator('[data-test="hang-up"]').click();
    await expect.poll(async () => (await app.call('GET', `/api/records/phone_call/${call.id}`)).body).toMatchObject({ status: 'ended', disposition: 'info_given', notes: '咨询设备保修期限，已告知两年', contact: contactId });
    await expect.poll(() => agent.locator('[data-test="agent-state"]').textContent()).toBe('Wrap-up');
    await expect.poll(() => figure(board, 'offered')).toBe('2');
    expect(problems).toEqual([]);
  }, 600_000);

  it('shows the wallboard in Chinese', async () => {
    const zh = await open('manager@e2e.test', 'zh-CN');
    await zh.goto('/app/wallboard');
    await expect.poll(() => zh.locator('[data-test="wallboard"] h1').textContent()).toBe('呼叫中心大屏');
    await expect.poll(() => zh.locator('[data-test="wallboard"]').textContent()).toContain('排队来电');
    expect(await figure(zh, 'offered')).toBe('2');
    await app.shot(zh, 'callcenter-wallboard-zh');

    // The IVR menu on the canvas: the installed menu opened from the wallboard, a queue the tenant lacks marked, a dry run in Chinese.
    await board.goto('/app/ivr-menus');
    await board.locator('.menu-link[data-menu="main_menu"]').click();
    await expect.poll(() => board.locator('.ivr-node[data-node="welcome"]').textContent()).toContain('Welcome.');
    await expect.poll(() => board.locator('.ivr-node[data-node="service_queue"] .marks').textContent()).toContain('the queue “service” does not exist');
    await zh.locator('[data-test="to-ivr-menus"]').click();
    await zh.locator('.menu-link[data-menu="main_menu"]').click();
    await zh.locator('input[name="dry-digits"]').fill('1 100042# 0');
    await zh.locator('.run-dry').click();
    await expect.poll(() => zh.locator('.ivr-dry-run .ending').textContent()).toBe('进入队列：综合咨询');
    expect(await zh.locator('.ivr-dry-run .prompts').textContent()).toContain('未找到该客户编号。');
    await app.shot(zh, 'callcenter-ivr-menu-zh');
    expect(problems).toEqual([]);
  }, 60_000);
});
