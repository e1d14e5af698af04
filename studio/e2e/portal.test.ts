import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/http/test-server.js';
import { withTenant } from '../../core/db/tenant.js';
import { findTenant } from '../../core/tenants/tenant-store.js';
import { startE2eApp, type E2eApp } from './harness.js';

const PORTAL_PASSWORD = 'Outside-Person-2026';

/** The customer portal and a landing page on a phone-sized screen: a contact's request from filing to survey, and a lead from a campaign page. */
describe('portal and landing pages in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startE2eApp('e2e_portal', { workflows: true });
    for (const name of ['products', 'sales', 'service', 'portal']) {
      const res = await app.call('POST', `/api/plugins/${name}/install`, {});
      if (res.status !== 200) throw new Error(`installing ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    ({ context, page } = await app.newPage({ width: 390, height: 844 }));
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('a contact accepts the invitation, files a request, sees it handled and answers the survey', async () => {
    const customer = await app.call('POST', '/api/records/customer', { name: 'Harbor Tools' });
    const contact = await app.call('POST', '/api/records/contact', { customer: customer.body.id, name: 'Hana Harbor', email: 'hana@harbor.test' });
    const invite = await app.call('POST', `/api/records/contact/${contact.body.id}/actions/portal_access`, {});
    expect(invite.status).toBe(200);
    await page.goto(invite.body.invitation.link);
    await page.locator('input[name=password]').fill(PORTAL_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-test=new-request-button]').click();
    await page.locator('input[name=subject]').fill('Drill overheats');
    await page.locator('textarea[name=description]').fill('After ten minutes of use.');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await page.locator('[data-test=request-files]').setInputFiles({ name: 'drill.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('[data-test=request-file-list] li').allInnerTexts()).toEqual([expect.stringContaining('drill.png')]);
    await page.locator('[data-test=send-request]').click();
    await expect.poll(() => page.locator('[data-test=case-status]').innerText()).toBe('New');
    const cases = await app.call('GET', '/api/records/service_case');
    const filed = cases.body.data[0];
    expect(filed).toMatchObject({ subject: 'Drill overheats', customer: customer.body.id, channel: 'portal' });
    expect(filed.sla_due).toEqual(expect.any(String));
    expect(filed.attachments).toMatchObject([{ name: 'drill.png', type: 'image/png' }]);
    // staff handle it through the API
    const users = await app.call('GET', '/api/users');
    const assigned = await app.call('POST', `/api/records/service_case/${filed.id}/actions/assign`, { handler: users.body.data[0].id });
    expect(assigned.status).toBe(200);
    await app.call('PATCH', `/api/records/service_case/${filed.id}`, { handling_notes: 'Replace the brush set; parts are on their way.' }, { 'if-match': String(assigned.body.version) });
    expect((await app.call('POST', `/api/records/service_case/${filed.id}/transitions/handle`, {})).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.locator('[data-test=case-status]').innerText()).toBe('Handled');
    expect(await page.locator('[data-test=case-answer]').innerText()).toContain('brush set');
    await page.locator('[data-test=star-4]').click();
    await page.locator('[data-test=send-survey]').click();
    await page.locator('[data-test=survey-done]').waitFor();
    const after = await app.call('GET', `/api/records/service_case/${filed.id}`);
    expect(after.body).toMatchObject({ status: 'feedback', satisfaction: 4 });
    await app.shot(page, 'portal-survey-phone');
    // The FAQ: searched on the server, public solutions only, Chinese too.
    await app.call('POST', '/api/records/solution', { title: '电钻过热怎么办', type: 'consultation', problem: '电钻过热', answer: '更换碳刷。', published: true, portal_visible: true });
    await app.call('POST', '/api/records/solution', { title: '电钻内部维修记录', type: 'consultation', problem: '电钻', answer: '仅限员工。', published: true });
    await page.goto(`/portal/${app.tenant}/faq`);
    await page.locator('[data-test=faq-search]').fill('电钻');
    await expect.poll(() => page.locator('.card.item strong').allInnerTexts()).toEqual(['电钻过热怎么办']);
  });

  it('a landing-page form creates a lead', async () => {
    await page.goto(`/p/${app.tenant}/spring_launch`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('input[name=contact_name]').fill('Mei Lin');
    await page.locator('input[name=company]').fill('Lin Logistics');
    await page.locator('input[name=email]').fill('mei@lin.test');
    await page.locator('[data-test=landing-submit]').click();
    await page.locator('[data-test=landing-done]').waitFor();
    const tenant = (await findTenant(app.db.knex, app.tenant))!;
    const rows = await withTenant(app.db.knex, tenant, async (trx) => (await trx.raw("select company, landing_page from lead where email = 'mei@lin.test'")).rows);
    expect(rows).toEqual([{ company: 'Lin Logistics', landing_page: 'spring_launch' }]);
    expect((await api(app.url)('GET', `/api/public/${app.tenant}/x/portal/landing/spring_launch`)).status).toBe(200);
    await app.shot(page, 'landing-phone');
  });
});
