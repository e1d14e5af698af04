import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, any>;

/** Field service in a browser: the dispatcher drags jobs on the board (a refusal and an assignment, in English); the engineer works today's job on a phone, in Chinese, the customer signs, and the dispatcher sees the signature. */
describe('field service in a browser', () => {
  let app: E2eApp;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const ids: Row = {};
  let last: BrowserContext | undefined;
  const today = new Date().toISOString().slice(0, 10); // the e2e tenant's zone is UTC

  const make = async (entity: string, values: Row): Promise<Row> => {
    const res = await app.call('POST', `/api/records/${entity}`, values);
    if (res.status !== 201) throw new Error(`creating ${entity} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const open = async (email: string, opts: { locale?: string; width?: number; height?: number } = {}): Promise<Page> => {
    const { context, page } = await app.newPage(opts);
    last = context;
    contexts.push(context);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/');
    await signIn(page, { ...app, email }, opts.locale === 'zh-CN' ? { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' } : undefined);
    await page.waitForURL(/\/app/);
    return page;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_fieldservice');
    for (const plugin of ['products', 'service', 'fieldservice']) {
      const installed = await app.call('POST', `/api/plugins/${plugin}/install`, {});
      if (installed.status !== 200) throw new Error(`installing ${plugin} failed: ${JSON.stringify(installed.body)}`);
    }
    await createUser(app, { email: 'dispatcher@e2e.test', name: '吴海峰', roles: ['dispatcher'] });
    const engineerUser = await createUser(app, { email: 'engineer@e2e.test', name: '马超', roles: ['engineer'] });
    const customer = await make('customer', { name: '苏州恒信精密机械有限公司', region: 'east', address: '苏州工业园区星湖街328号' });
    ids.engineer = (await make('engineer', { name: '马超', login_user: engineerUser, territories: ['east'], active: true })).id;
    await make('engineer_skill', { engineer: ids.engineer, skill: 'repair', level: 4 });
    ids.electrical = (await make('work_order', { subject: '机房配电检查', customer: customer.id, required_skill: 'electrical', required_level: 5 })).number;
    ids.repair = (await make('work_order', { subject: '打印机卡纸维修', customer: customer.id, required_skill: 'repair', required_level: 2 })).number;
    // A job already given to the engineer for today, done in a basement without a network.
    const basement = await make('work_order', {
      subject: '地下室水泵检修', customer: customer.id, required_skill: 'repair', required_level: 2, engineer: ids.engineer,
      scheduled_start: `${today}T06:00:00Z`, scheduled_end: `${today}T08:00:00Z`,
    });
    const scheduled = await app.call('POST', `/api/records/work_order/${basement.id}/transitions/schedule`, {});
    if (scheduled.status !== 200) throw new Error(`scheduling failed: ${JSON.stringify(scheduled.body)}`);
    ids.basement = basement.id;
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await app?.close();
  });

  it('refuses a drag onto an engineer without the skill and assigns one who has it', async () => {
    const page = await open('dispatcher@e2e.test');
    await page.locator('[data-dispatch-board]').click();
    await page.waitForURL(/dispatch-board/);
    const cell = page.locator(`[data-engineer="马超"] [data-day="${today}"]`);
    await page.locator(`[data-test="unassigned"] [data-order="${ids.electrical}"]`).dragTo(cell);
    await expect.poll(() => page.locator('.el-message--error').textContent()).toContain('does not have the skill Electrical at level 5');
    await page.locator(`[data-test="unassigned"] [data-order="${ids.repair}"]`).dragTo(cell);
    await expect.poll(() => cell.locator(`[data-order="${ids.repair}"]`).count()).toBe(1);
    await expect.poll(() => page.locator(`[data-test="unassigned"] [data-order="${ids.repair}"]`).count()).toBe(0);
    await app.shot(page, 'fieldservice-board');
  });

  it('lets the engineer start and finish today\'s job on a phone, in Chinese', async () => {
    const phone = await open('engineer@e2e.test', { locale: 'zh-CN', width: 390, height: 844 });
    await phone.goto('/app/engineer-day');
    const job = phone.locator(`[data-order="${ids.repair}"]`);
    await expect.poll(() => job.locator('[data-test="status"]').textContent()).toBe('已派工');
    await job.getByRole('button', { name: '开始作业' }).click();
    await expect.poll(() => job.locator('[data-test="status"]').textContent()).toBe('进行中');
    await expect.poll(() => job.locator('[data-test="started"]').textContent()).toContain('开始于');
    await job.getByRole('button', { name: '完工' }).click();
    await expect.poll(() => job.locator('[data-test="status"]').textContent()).toBe('已完成');
    await expect.poll(() => job.locator('[data-test="finished"]').textContent()).toContain('完成于');
    // The customer signs on the phone with a finger (a pointer stroke on the canvas).
    const pad = job.locator('[data-test="signature-canvas"]');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await phone.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await phone.mouse.down();
    for (let i = 1; i <= 12; i++) await phone.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (i % 2 ? 0.3 : 0.7));
    await phone.mouse.up();
    await job.getByRole('button', { name: '保存签名' }).click(); // enabled only once something is drawn
    await expect.poll(() => job.locator('[data-test="signed"]').textContent()).toContain('已签名');
    await app.shot(phone, 'fieldservice-phone');
    const orders = (await app.call('GET', `/api/records/work_order?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'number' }, ids.repair] }))}`)).body.data as Row[];
    expect(orders[0].status).toBe('done');
    expect(orders[0].finished_at >= orders[0].started_at).toBe(true);
    const signature = Array.isArray(orders[0].signature) ? orders[0].signature[0] : orders[0].signature;
    expect(signature).toMatchObject({ name: 'signature.png', type: 'image/png' });

    // The dispatcher sees the signature on the work order.
    const staff = await open('dispatcher@e2e.test');
    await staff.goto(`/app/work_order/${orders[0].id}`);
    const shown = staff.locator('[data-field="signature"] img.attachment-preview');
    await shown.waitFor();
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(600);
    await app.shot(staff, 'fieldservice-signature');
    expect(problems).toEqual([]);
  });

  it('starts and finishes a job without a network, with a photo, and sends it all once the network is back', async () => {
    const page = await open('engineer@e2e.test', { width: 390, height: 844 });
    const context = last!;
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === '1', undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await page.goto(`/app/work_order/${ids.basement}`);
    await page.getByTestId('offline-notice').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('[data-field="status"]').getByText('In progress').waitFor();
    await page.goto(`/app/work_order/${ids.basement}/edit`);
    await page.getByLabel('Work report').fill('更换水泵密封圈，试运行正常');
    const photo = { name: 'pump.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 32 }, (_, i) => i), 0xff, 0xd9]) };
    await page.locator('[data-field="photos"] input[type=file]').setInputFiles(photo);
    await page.locator('[data-field="photos"]').getByText('Waiting to upload').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/app\/work_order\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.locator('[data-field="status"]').getByText('Done').waitFor();
    await page.getByTestId('offline-notice').getByText('3 changes waiting to be sent').waitFor();
    await app.shot(page, 'fieldservice-offline');
    // Nothing reached the server yet.
    expect((await app.call('GET', `/api/records/work_order/${ids.basement}`)).body.status).toBe('scheduled');

    await context.setOffline(false);
    await expect.poll(async () => (await app.call('GET', `/api/records/work_order/${ids.basement}`)).body.status, { timeout: 30_000 }).toBe('done');
    const order = (await app.call('GET', `/api/records/work_order/${ids.basement}`)).body as Row;
    expect(order).toMatchObject({ report: '更换水泵密封圈，试运行正常' });
    expect(order.finished_at >= order.started_at).toBe(true);
    expect(order.photos).toHaveLength(1);
    expect(order.photos[0]).toMatchObject({ name: 'pump.jpg', size: 38 });
    const history = (await app.call('GET', `/api/records/work_order/${ids.basement}/history`)).body.data as Row[];
    expect(history.map((h) => h.action).filter((a: string) => a.startsWith('transition:')).sort()).toEqual(['transition:finish', 'transition:schedule', 'transition:start']);
    expect(problems).toEqual([]);
  });
});
