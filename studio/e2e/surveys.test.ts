import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, any>;
const tokenOf = (seed: string): string => createHash('sha256').update(seed).digest('base64url'); // 43 characters, like a real link's

/** A survey link answered on a phone without signing in, in English and in Chinese; a spent or unknown link says so. */
describe('survey link page in a browser', () => {
  let app: E2eApp;
  const open: BrowserContext[] = [];
  const problems: string[] = [];
  const q: Record<string, string> = {};
  let customer = '';
  let contact = '';
  let survey = '';

  /** A pending response whose link carries `token` (as the invitation would, minus the e-mail). */
  const invitation = async (token: string, language: string): Promise<Row> => {
    const res = await app.call('POST', '/api/records/survey_response', {
      survey, customer, contact, language, status: 'pending', sent_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(), token_hash: createHash('sha256').update(token).digest('hex'),
    });
    if (res.status !== 201) throw new Error(`creating the response failed: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const phone = async (locale: string): Promise<Page> => {
    const { context, page } = await app.newPage({ width: 390, height: 844, locale });
    open.push(context);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return page;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_survey');
    for (const name of ['products', 'sales', 'service', 'portal', 'surveys']) {
      const res = await app.call('POST', `/api/plugins/${name}/install`, {});
      if (res.status !== 200) throw new Error(`installing ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    customer = (await app.call('POST', '/api/records/customer', { name: 'Harbor Tools' })).body.id;
    contact = (await app.call('POST', '/api/records/contact', { customer, name: 'Hana Harbor', email: 'hana@harbor.test' })).body.id;
    survey = (await app.call('POST', '/api/records/survey', { name: 'After-service survey 服务回访', trigger: 'case_archived', intro: 'Two minutes, please.', intro_zh: '耽误您两分钟。' })).body.id;
    const add = async (key: string, data: Row) => (q[key] = (await app.call('POST', '/api/records/survey_question', { survey, ...data })).body.id);
    await add('rating', { position: 1, kind: 'rating', label_en: 'How satisfied are you?', label_zh: '您对服务满意吗？', required: true });
    await add('solved', { position: 2, kind: 'choice', label_en: 'Was it solved?', label_zh: '问题解决了吗？', required: true, options: 'yes|Yes|已解决\nno|No|未解决' });
    await add('nps', { position: 3, kind: 'nps', label_en: 'Would you recommend us?', label_zh: '您会推荐我们吗？' });
    await add('note', { position: 4, kind: 'text', label_en: 'Anything else?', label_zh: '其他意见？' });
  }, 600_000);
  afterAll(async () => {
    for (const c of open) await c.close();
    await app?.close();
  });

  it('in English: missing answers are pointed out, the answers are sent once, and the link is then spent', async () => {
    const token = tokenOf('english');
    const response = await invitation(token, 'en');
    const page = await phone('en-US');
    await page.goto(`/p/${app.tenant}/survey/${token}`);
    await page.getByRole('heading', { name: 'After-service survey 服务回访' }).waitFor();
    expect(await page.locator('legend').allTextContents()).toEqual(['1. How satisfied are you? *', '2. Was it solved? *', '3. Would you recommend us?', '4. Anything else?']);
    await page.locator('[data-test=survey-submit]').click();
    await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['Please answer this question.', 'Please answer this question.']);
    await page.locator('fieldset[data-question=rating]').getByRole('button', { name: '2', exact: true }).click();
    await page.getByLabel('No').check();
    await page.locator('fieldset[data-question=nps]').getByRole('button', { name: '9', exact: true }).click();
    await page.locator('fieldset[data-question=text] textarea').fill('Slow, but friendly.');
    await app.shot(page, 'survey-en-phone');
    await page.locator('[data-test=survey-submit]').click();
    await expect.poll(() => page.locator('[data-test=survey-done]').textContent()).toBe('Thank you! Your answers have been received.');
    expect((await app.call('GET', `/api/records/survey_response/${response.id}`)).body).toMatchObject({ status: 'answered', csat: 2, nps: 9, nps_category: 'promoter', comment: 'Slow, but friendly.' });
    await page.reload();
    await expect.poll(() => page.locator('[data-test=survey-answered]').textContent()).toBe('This survey has already been answered. Thank you!');
    expect(problems).toEqual([]);
  }, 600_000);

  it('in Chinese: the questions and options in Chinese, answered; an unknown link is refused', async () => {
    const token = tokenOf('chinese');
    const response = await invitation(token, 'zh-CN');
    const page = await phone('zh-CN');
    await page.goto(`/p/${app.tenant}/survey/${token}`);
    await page.getByText('耽误您两分钟。').waitFor();
    expect(await page.locator('legend').first().textContent()).toBe('1. 您对服务满意吗？ *');
    await page.locator('fieldset[data-question=rating]').getByRole('button', { name: '5', exact: true }).click();
    await page.getByLabel('已解决').check();
    await app.shot(page, 'survey-zh-phone');
    await page.getByRole('button', { name: '提交回答' }).click();
    await expect.poll(() => page.locator('[data-test=survey-done]').textContent()).toBe('感谢您的反馈！我们已收到您的回答。');
    expect((await app.call('GET', `/api/records/survey_response/${response.id}`)).body).toMatchObject({ status: 'answered', csat: 5, nps: null });
    await page.goto(`/p/${app.tenant}/survey/${tokenOf('nobody')}`);
    await expect.poll(() => page.locator('[data-test=survey-missing]').textContent()).toBe('该调查链接无效。');
    expect(problems).toEqual([]);
  }, 600_000);

  it('in the portal: the contact sees the open survey on the home page and answers it there', async () => {
    const response = await invitation(tokenOf('portal'), 'en');
    const invite = await app.call('POST', `/api/records/contact/${contact}/actions/portal_access`, {});
    expect(invite.status).toBe(200);
    const page = await phone('en-US');
    await page.goto(invite.body.invitation.link);
    await page.locator('input[name=password]').fill('Portal-Pass-2026');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator(`[data-test=survey-${response.code}]`).click();
    await page.getByRole('heading', { name: 'After-service survey 服务回访' }).waitFor();
    await page.locator('fieldset[data-question=rating]').getByRole('button', { name: '4', exact: true }).click();
    await page.getByLabel('Yes').check();
    await app.shot(page, 'survey-portal-phone');
    await page.locator('[data-test=survey-submit]').click();
    await expect.poll(() => page.locator('[data-test=survey-done]').textContent()).toBe('Thank you! Your answers have been received.');
    expect((await app.call('GET', `/api/records/survey_response/${response.id}`)).body).toMatchObject({ status: 'answered', csat: 4 });
    await page.locator('[data-test=survey-back]').click();
    await page.locator('[data-test=new-request-button]').waitFor();
    expect(await page.locator('[data-test=portal-surveys]').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 600_000);
});
