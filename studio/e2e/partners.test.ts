import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from './harness.js';

const PORTAL_PASSWORD = 'Outside-Partner-2026';

/** A partner user in the portal on a phone-sized screen: their deals only, a deal's figures and stage changed, a new deal registered for approval, in English and in Chinese. */
describe('partner deals in the portal, in a browser', () => {
  let app: E2eApp;
  const contexts: BrowserContext[] = [];
  const ids: Record<string, string> = {};
  let link = '';

  beforeAll(async () => {
    app = await startE2eApp('e2e_partners');
    for (const name of ['products', 'sales', 'service', 'portal', 'partners']) {
      const res = await app.call('POST', `/api/plugins/${name}/install`, {});
      if (res.status !== 200) throw new Error(`installing ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const make = async (entity: string, data: object) => (await app.call('POST', `/api/records/${entity}`, data)).body.id as string;
    ids.customer = await make('customer', { name: '苏州恒信精密机械有限公司', region: 'east' });
    ids.mine = await make('partner', { name: '华信经销', kind: 'reseller', tier: 'gold', email: 'zhou@huaxin.test', contact_name: '周建国' });
    ids.other = await make('partner', { name: '中原代理', kind: 'agent', tier: 'silver' });
    ids.deal = await make('opportunity', { title: 'Harbor retrofit', customer: ids.customer, partner: ids.mine, amount: 100000, expected_close_date: '2026-12-20' });
    ids.hidden = await make('opportunity', { title: 'Someone else’s deal', customer: ids.customer, partner: ids.other, amount: 5000 });
    const invite = await app.call('POST', `/api/records/partner/${ids.mine}/actions/portal_access`, {});
    expect(invite.status).toBe(200);
    link = invite.body.invitation.link;
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
  });

  const open = async (locale: string): Promise<Page> => {
    const { context, page } = await app.newPage({ width: 390, height: 844, locale });
    contexts.push(context);
    return page;
  };

  it('lists only the partner’s deals and changes one: amount, next step, and the stage by its transition', async () => {
    const page = await open('en-US');
    await page.goto(link);
    await page.locator('input[name=password]').fill(PORTAL_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.card.item strong').allInnerTexts()).toEqual(['Harbor retrofit']);
    expect(await page.locator('[data-test=tab-deals]').innerText()).toBe('Deals');
    expect(await page.locator('[data-test=tab-requests]').count()).toBe(0);
    await page.locator('.card.item').first().click();
    await expect.poll(() => page.locator('[data-test=deal-stage]').innerText()).toBe('Prospecting');
    await page.locator('[data-test=deal-amount]').fill('125000');
    await page.locator('[data-test=deal-next-step]').fill('Demo at the customer’s plant');
    await page.locator('[data-test=deal-save]').click();
    await expect.poll(() => page.locator('[data-test=deal-notice], [data-test=deal-error]').allInnerTexts()).toEqual(['Saved.']);
    await page.locator('[data-test=deal-move-qualify]').click();
    await expect.poll(() => page.locator('[data-test=deal-stage]').innerText()).toBe('Qualification');
    const after = await app.call('GET', `/api/records/opportunity/${ids.deal}`);
    expect(after.body).toMatchObject({ amount: 125000, next_step: 'Demo at the customer’s plant', stage: 'qualification', partner: ids.mine });
    expect((await app.call('GET', `/api/records/opportunity/${ids.hidden}`)).body.amount).toBe(5000);
    await app.shot(page, 'portal-partner-deal-phone');
  });

  it('speaks Chinese to a partner user whose browser does', async () => {
    const page = await open('zh-CN');
    await page.goto(`/portal/${app.tenant}/login`);
    await page.locator('input[name=email]').fill('zhou@huaxin.test');
    await page.locator('input[name=password]').fill(PORTAL_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('[data-test=tab-deals]').innerText()).toBe('商机');
    await expect.poll(() => page.locator('.card.item .badge').allInnerTexts()).toEqual(['需求确认']);
    await page.locator('[data-test=tab-orders]').click();
    await page.locator('.muted', { hasText: '暂无内容' }).waitFor();
    await app.shot(page, 'portal-partner-deals-zh');
  });

  it('registers a new deal from the Deals tab, refuses a duplicate of an open deal, and shows the approval', async () => {
    const page = await open('en-US');
    await page.goto(`/portal/${app.tenant}/login`);
    await page.locator('input[name=email]').fill('zhou@huaxin.test');
    await page.locator('input[name=password]').fill(PORTAL_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-test=tab-deals]').click();
    await page.locator('[data-test=new-deal-button]').click();
    // An existing customer of theirs with an open deal: refused, with the reason.
    await expect.poll(() => page.locator('[data-test=deal-customer] option').allInnerTexts()).toEqual(['— a new customer —', '苏州恒信精密机械有限公司']);
    await page.locator('[data-test=deal-customer]').selectOption(ids.customer);
    await page.locator('[data-test=deal-new-amount]').fill('50000');
    await page.locator('[data-test=deal-new-close]').fill('2027-03-31');
    await page.locator('[data-test=deal-new-product]').fill('CNC retrofit kits');
    await page.locator('[data-test=deal-register]').click();
    await expect.poll(() => page.locator('[data-test=deal-new-error]').innerText()).toContain('苏州恒信精密机械有限公司 already has an open deal');
    // A new customer by name: registered, waiting for the partner manager.
    await page.locator('[data-test=deal-customer]').selectOption('');
    await page.locator('[data-test=deal-customer-name]').fill('Ningbo Harbour Logistics');
    await page.locator('[data-test=deal-new-next-step]').fill('Site survey next Tuesday');
    await page.locator('[data-test=deal-register]').click();
    const registration = page.locator('.registration', { hasText: 'Ningbo Harbour Logistics' });
    await expect.poll(() => registration.locator('[data-test=registration-status]').innerText()).toBe('Registered');
    await app.shot(page, 'portal-partner-registration');
    const [row] = (await app.call('GET', `/api/records/deal_registration?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'customer_name' }, 'Ningbo Harbour Logistics'] }))}`)).body.data;
    expect(row).toMatchObject({ partner: ids.mine, status: 'registered', amount: 50000, expected_close_date: '2027-03-31', product_interest: 'CNC retrofit kits', next_step: 'Site survey next Tuesday' });
    // Staff approve it: the partner sees it approved and the new deal among theirs.
    expect((await app.call('POST', `/api/records/deal_registration/${row.id}/transitions/approve`, {})).status).toBe(200);
    await page.reload();
    await expect.poll(() => registration.locator('[data-test=registration-status]').innerText()).toBe('Approved');
    await expect.poll(() => page.locator('.card.item strong').allInnerTexts()).toContain('CNC retrofit kits · Ningbo Harbour Logistics');
  });
});
