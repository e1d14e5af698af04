import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/http/test-server.js';
import { createDemoUsers } from '../../core/provisioning/demo-users.js';
import { getTenant } from '../../core/tenants/tenant-store.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

type Call = ReturnType<typeof api>;
const POLL = { timeout: 15_000, interval: 250 };

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const TEAM_CODES = /\bsales_(?:east|north)\b/;
const INTERNAL_LABELS = /Stock key|库存键|Schedule key|计划标识|stock_key|care_key/;

/** What a screen's visible text shows that a person should never read: raw days, ids, team codes, internal keys. */
const rawValues = (text: string): string[] =>
  [
    ['raw ISO date', ISO_DAY],
    ['id', UUID],
    ['team code', TEAM_CODES],
    ['internal key', INTERNAL_LABELS],
  ].flatMap(([what, re]) => {
    const hit = (re as RegExp).exec(text);
    return hit ? [`${String(what)}: "${hit[0]}"`] : [];
  });

/**
 * A screen audit of the generated app: a demo rep opens record pages and lists of a
 * customer, a service case, a care plan, a stock record and a team, in English and in
 * Chinese, and reads no raw ISO dates, ids, team codes or internal keys anywhere.
 */
describe('screen audit: no raw values on generated pages', () => {
  let app: E2eApp;
  let lihua: Call;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startE2eApp('e2e_audit');
    for (const plugin of ['products', 'sales', 'service']) {
      const res = await app.call('POST', `/api/plugins/${plugin}/install`, { withDemoData: false });
      if (res.status !== 200) throw new Error(`installing ${plugin} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const me = await app.call('GET', '/api/auth/me');
    const adminId = String((me.body as { user?: { id: string }; id?: string }).user?.id ?? (me.body as { id: string }).id);
    await createDemoUsers({ tenant: await getTenant(app.db.knex, app.tenant), password: app.password, adminId }, { knex: app.db.knex });
    const login = await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: `lihua@${app.tenant}.local`, password: app.password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    lihua = api(app.url, String((login.body as { token: string }).token));

    const made = async (call: Call, entity: string, body: Record<string, unknown>): Promise<string> => {
      const res = await call('POST', `/api/records/${entity}`, body);
      expect(res.status, `${entity}: ${JSON.stringify(res.body)}`).toBe(201);
      return String((res.body as { id: string }).id);
    };
    ids.customer = String(((await lihua('GET', '/api/records/customer?limit=1&fields=id')).body as { data: { id: string }[] }).data[0].id);
    ids.service_case = await made(lihua, 'service_case', { subject: 'Spindle noise after maintenance', customer: ids.customer, type: 'complaint', priority: 'normal', reported_at: '2026-12-07T02:30:00.000Z' });
    ids.care_plan = await made(lihua, 'care_plan', { customer: ids.customer, kind: 'birthday', subject: 'Birthday card', date: '2026-12-20' });
    const warehouse = await made(app.call, 'warehouse', { code: 'SH-01', name: 'Shanghai central' });
    const product = await made(app.call, 'product', { sku: 'CNC-5X', name: 'Five-axis machining centre' });
    await made(app.call, 'stock_move', { product, warehouse, direction: 'in', quantity: 12, reason: 'purchase', moved_at: '2026-12-01T08:00:00.000Z' });
    ids.stock = String(((await app.call('GET', '/api/records/stock?limit=1&fields=id')).body as { data: { id: string }[] }).data[0].id);
    const teams = (await app.call('GET', '/api/records/team?limit=10&fields=id,name')).body as { data: { id: string; name: string }[] };
    ids.team = String(teams.data.find((x) => x.name === 'sales_east')?.id);
  }, 900_000);
  afterAll(async () => app?.close());

  /** Signs the rep in with the browser's language, answers the page. */
  const openAs = async (locale: string): Promise<{ context: BrowserContext; page: Page }> => {
    const opened = await app.newPage({ locale });
    await opened.page.goto('/app');
    await signIn(opened.page, { ...app, email: `lihua@${app.tenant}.local` }, locale === 'zh-CN' ? { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' } : undefined);
    await opened.page.waitForURL(at(/^\/app$/));
    return opened;
  };

  /** The main area's text once `ready` shows, polled until nothing raw is left in it (or the deadline). */
  const audit = async (page: Page, path: string, ready: string | RegExp, allow: (text: string) => string = (x) => x) => {
    await page.goto(path);
    await page.locator('main').getByText(ready).first().waitFor();
    await expect.poll(async () => rawValues(allow(await page.locator('main').innerText())), POLL).toEqual([]);
  };

  const screens = (locale: 'en' | 'zh-CN') => {
    const en = locale === 'en';
    return [
      { path: () => `/app/customer/${ids.customer}`, ready: en ? 'Customer' : '客户' },
      { path: () => `/app/service_case/${ids.service_case}`, ready: 'Spindle noise after maintenance' },
      { path: () => `/app/care_plan/${ids.care_plan}`, ready: en ? 'Dec 20, 2026' : '2026年12月20日' },
      { path: () => `/app/stock/${ids.stock}`, ready: 'Five-axis machining centre' },
      // The team's own code is data an admin keeps (its Code field); it shows there and nowhere else.
      { path: () => `/app/team/${ids.team}`, ready: en ? 'East sales' : '华东销售组', allow: (x: string) => x.replace('sales_east', '') },
      { path: () => '/app/customer', ready: en ? /of \d+/ : /共 ?\d+/ },
      { path: () => '/app/service_case', ready: 'Spindle noise after maintenance' },
      { path: () => '/app/care_plan', ready: en ? 'Dec 20, 2026' : '2026年12月20日' },
      { path: () => '/app/stock', ready: 'Five-axis machining centre' },
    ];
  };

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`shows ${locale === 'en' ? 'English' : 'Chinese'} screens without raw dates, ids, team codes or internal keys`, async () => {
      const { context, page } = await openAs(locale);
      try {
        for (const s of screens(locale)) await audit(page, s.path(), s.ready, s.allow);
        // The team's parent reads by its name in the reader's language.
        await page.goto(`/app/team/${ids.team}`);
        await page.locator('[data-field="parent"]').getByText(locale === 'en' ? 'Sales department' : '销售部').waitFor();
        await app.shot(page, `60-screen-audit-team-${locale}`);
        await page.goto(`/app/care_plan/${ids.care_plan}`);
        await page.locator('[data-field="date"]').getByText(locale === 'en' ? 'Dec 20, 2026' : '2026年12月20日').waitFor();
        await app.shot(page, `61-screen-audit-care-plan-${locale}`);
      } catch (e) {
        await app.shot(page, `failed-screen-audit-${locale}`).catch(() => undefined);
        throw e;
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
