import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

const option = (value: string, en: string, zh: string) => ({ value, label: { en, 'zh-CN': zh } });
const EDITOR = '/studio/entities/ticket/lifecycles/ticket_flow';

/** The lifecycle editor: add a state, connect it on the canvas and by the form, guard a transition, fix what the checks mark, save, publish and see the records left in a removed state. */
describe('lifecycle editor in the studio', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startE2eApp('e2e_lifecycle');
    const entity = {
      kind: 'entity',
      name: 'ticket',
      label: { en: 'Ticket', 'zh-CN': '工单' },
      titleField: 'subject',
      fields: {
        subject: { type: 'text', label: { en: 'Subject', 'zh-CN': '主题' } },
        status: { type: 'enum', label: { en: 'Status', 'zh-CN': '状态' }, options: [option('open', 'Open', '打开'), option('waiting', 'Waiting', '等待'), option('closed', 'Closed', '关闭')] },
      },
    };
    const flow = {
      kind: 'lifecycle',
      name: 'ticket_flow',
      label: { en: 'Ticket flow', 'zh-CN': '工单流程' },
      entity: 'ticket',
      field: 'status',
      initial: 'open',
      final: ['closed'],
      transitions: [
        { name: 'wait', label: { en: 'Wait', 'zh-CN': '等待' }, from: ['open'], to: 'waiting' },
        { name: 'close', label: { en: 'Close', 'zh-CN': '关闭' }, from: ['open', 'waiting'], to: 'closed' },
      ],
    };
    for (const [path, doc] of [['/api/studio/entity/ticket', entity], ['/api/studio/lifecycle/ticket_flow', flow]] as const) {
      const saved = await app.call('PUT', path, doc);
      if (saved.status !== 200) throw new Error(`saving ${path} failed: ${JSON.stringify(saved.body)}`);
    }
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    for (const subject of ['Printer jam', 'Screen flickers']) ids[subject] = ((await app.call('POST', '/api/records/ticket', { subject })).body as { id: string }).id;
    expect((await app.call('POST', `/api/records/ticket/${ids['Printer jam']}/transitions/wait`, {})).status).toBe(200);

    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(EDITOR);
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/entities\/ticket\/lifecycles\/ticket_flow$/));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('adds a state, sees it marked until transitions lead in and out, guards one, saves and publishes, listing the records left in a removed state', async () => {
    const node = (state: string) => page.locator(`.state-node[data-state="${state}"]`);
    await node('waiting').waitFor();

    // a new state, typed in the side form
    await page.locator('input[name="new-state-value"]').fill('escalated');
    await page.locator('input[name="new-state-en"]').fill('Escalated');
    await page.locator('input[name="new-state-zh"]').fill('已升级');
    await page.getByRole('button', { name: 'Add state' }).click();
    await node('escalated').waitFor();

    // saving first runs the checks: the new state can neither be reached nor left, and is marked
    await page.getByRole('button', { name: 'Save draft' }).click();
    const checks = page.locator('.lifecycle-problems');
    await checks.getByText('“Escalated” cannot be reached from the initial state').waitFor();
    await checks.getByText('“Escalated” has no way out and is not a final state').waitFor();
    await page.locator('.state-node.faulty[data-state="escalated"]').waitFor();
    await app.shot(page, '90-lifecycle-editor-checks');

    // a transition dragged on the canvas from Open to Escalated
    await page.getByRole('combobox', { name: 'Choose a state or transition to edit' }).waitFor();
    await page.locator('.vue-flow__pane').click({ position: { x: 5, y: 5 } });
    const handle = node('open').locator('.vue-flow__handle[data-handleid="out"]');
    const from = (await handle.boundingBox())!;
    const to = (await node('escalated').locator('.vue-flow__handle[data-handleid="in"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x - 20, to.y + to.height / 2, { steps: 12 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.locator('.vue-flow__edge[data-id="to_escalated:open"]').waitFor({ state: 'attached' });
    const inspector = page.locator('[data-inspect-transition="to_escalated"]');
    await inspector.waitFor();

    // its guard, built with the condition builder
    await inspector.getByRole('button', { name: 'Edit condition: Only when' }).click();
    const condition = page.getByRole('dialog', { name: 'Condition: Only when' });
    await condition.getByLabel('Field').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^Subject$/ }).click();
    await condition.locator('input[name="filter-0"]').fill('urgent');
    await condition.getByRole('button', { name: 'Apply' }).click();
    await condition.waitFor({ state: 'hidden' });
    await inspector.locator('[data-condition="transition-guard"] .summary').getByText('Subject contains urgent').waitFor();

    // the way out, with the keyboard-friendly form instead of a drag
    await page.locator('.vue-flow__pane').click({ position: { x: 5, y: 5 } });
    const pick = async (select: string, text: string) => {
      await page.locator(select).click();
      await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${text}$`) }).click();
      await expect.poll(() => page.locator('.el-select-dropdown__item:visible').count()).toBe(0);
    };
    await pick('.new-transition-from', 'Escalated');
    await pick('.new-transition-to', 'Closed');
    await page.getByRole('button', { name: 'Add transition' }).click();
    await page.locator('.vue-flow__edge[data-id="to_closed:escalated"]').waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('.state-node.faulty').count()).toBe(0);

    // Waiting goes: its records keep the state
    await node('waiting').click();
    await page.getByRole('button', { name: 'Remove state' }).click();
    await node('waiting').waitFor({ state: 'detached' });

    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/lifecycle/ticket_flow'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
    await page.locator('.lifecycle-problems').waitFor({ state: 'detached' });
    await expect
      .poll(async () => ((await app.call('GET', '/api/studio/entity/ticket')).body as { fields: { status: { options: { value: string }[] } } }).fields.status.options.map((o) => o.value))
      .toEqual(['open', 'closed', 'escalated']);
    const doc = (await app.call('GET', '/api/studio/lifecycle/ticket_flow')).body as { transitions: { name: string; from: string[]; to: string; guard?: unknown }[] };
    expect(doc.transitions).toEqual([
      { name: 'close', label: { en: 'Close', 'zh-CN': '关闭' }, from: ['open'], to: 'closed' },
      { name: 'to_escalated', label: { en: 'Escalated', 'zh-CN': '已升级' }, from: ['open'], to: 'escalated', guard: { contains: [{ var: 'subject' }, 'urgent'] } },
      { name: 'to_closed', label: { en: 'Closed', 'zh-CN': '关闭' }, from: ['escalated'], to: 'closed' },
    ]);

    // publishing first shows the records whose state goes away
    await page.getByRole('button', { name: 'Publish' }).click();
    const orphans = page.locator('.orphans');
    await orphans.getByText('Records in states this publish takes away').waitFor();
    await orphans.locator('[data-orphaned-state="waiting"]').getByText('records in it: 1').waitFor();
    expect(await orphans.locator('.orphan-record').getAttribute('href')).toBe(`/app/ticket/${ids['Printer jam']}`);
    await orphans.getByText('Printer jam').waitFor();
    await app.shot(page, '91-lifecycle-editor-orphans');
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await orphans.getByRole('button', { name: 'Publish anyway' }).click();
    expect((await published).status()).toBe(200);
    await orphans.getByText('Records left in removed states').waitFor();
    expect(((await app.call('GET', `/api/records/ticket/${ids['Printer jam']}`)).body as { status: string }).status).toBe('waiting');
    expect(((await app.call('GET', '/api/meta')).body as { lifecycles: Record<string, { transitions: unknown[] }> }).lifecycles.ticket_flow.transitions).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('relabels a state and a transition in both languages, keeping their names; records keep their state', async () => {
    await page.goto(EDITOR);
    const node = (state: string) => page.locator(`.state-node[data-state="${state}"]`);
    await node('open').click();
    const state = page.locator('[data-inspect-state="open"]');
    await state.locator('.stable-name').getByText('Stored as open').waitFor();
    await state.locator('input[name="state-label-en"]').fill('New');
    await state.locator('input[name="state-label-zh"]').fill('新建');
    await page.locator('.node-picker').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^Transition · Close$/ }).click();
    const transition = page.locator('[data-inspect-transition="close"]');
    await transition.locator('.stable-name').getByText('Named close').waitFor();
    await transition.locator('input[name="transition-label-en"]').fill('Resolve');
    await transition.locator('input[name="transition-label-zh"]').fill('解决');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/lifecycle/ticket_flow'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);

    const meta = (await app.call('GET', '/api/meta')).body as {
      lifecycles: Record<string, { transitions: { name: string; label: { en: string; 'zh-CN': string } }[] }>;
      entities: Record<string, { fields: { status: { options: { value: string; label: { en: string; 'zh-CN': string } }[] } } }>;
    };
    expect(meta.lifecycles.ticket_flow.transitions.map((t) => [t.name, t.label.en, t.label['zh-CN']])).toEqual([['close', 'Resolve', '解决'], ['to_escalated', 'Escalated', '已升级'], ['to_closed', 'Closed', '关闭']]);
    expect(meta.entities.ticket.fields.status.options.map((o) => [o.value, o.label.en, o.label['zh-CN']])).toEqual([['open', 'New', '新建'], ['closed', 'Closed', '关闭'], ['escalated', 'Escalated', '已升级']]);
    expect(((await app.call('GET', `/api/records/ticket/${ids['Screen flickers']}`)).body as { status: string }).status).toBe('open');

    // the app reads the new labels; the transition is still taken by its name
    await page.goto(`/app/ticket/${ids['Screen flickers']}`);
    await page.locator('[data-field="status"]').getByText('New', { exact: true }).waitFor();
    const moved = page.waitForResponse((r) => r.url().endsWith('/transitions/close') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    expect((await moved).status()).toBe(200);
    await page.locator('[data-field="status"]').getByText('Closed', { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the editor in Chinese', async () => {
    const zh = await app.newPage({ locale: 'zh-CN' });
    try {
      await zh.page.goto(EDITOR);
      await signIn(zh.page, app, { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' });
      await zh.page.waitForURL(at(/^\/studio\/entities\/ticket\/lifecycles\/ticket_flow$/));
      await zh.page.locator('.state-node[data-state="escalated"]').getByText('已升级').waitFor();
      await zh.page.getByRole('button', { name: '添加状态' }).waitFor();
      await zh.page.getByText('生命周期 · 工单流程').waitFor();
      await zh.page.locator('.state-node[data-state="open"]').getByText('新建').waitFor();
    } finally {
      await zh.context.close();
    }
  });
});
