import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, tenantWithAdmin } from '../../core/http/test-server.js';
import { smtpSink } from '../../core/workflow/test-support/smtp-sink.js';
import { at, createUser, publishRole, signIn, startE2eApp, type E2eApp } from './harness.js';

const NEW_PASSWORD = 'Reset-New-Pass-2027';
const KEPT = 'Binley Restorations Ltd.';
const BINNED = 'Binley Demolitions Ltd.';

/**
 * What a tenant admin relies on to trust the system (issue 23): a password reset by e-mail
 * (the mail caught by an SMTP server on 127.0.0.1), the audit log page with its filters and
 * only the tenant's own entries, and the recycle bin naming who deleted what and when.
 */
describe('password reset, audit log and recycle bin in the browser', () => {
  let app: E2eApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let savedSmtp: string | undefined;
  let other: { call: ReturnType<typeof api>; ottoId: string };
  let ids: { rita: string; dora: string };
  const contexts: BrowserContext[] = [];
  let page: Page;
  const problems: string[] = [];

  const open = async (locale?: string) => {
    const opened = await app.newPage({ locale });
    contexts.push(opened.context);
    opened.page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return opened.page;
  };
  /** Picks an option of an Element Plus select by its exact text. */
  const choose = async (p: Page, select: Locator, option: string) => {
    await select.click();
    await p.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^${option}$`) }).first().click();
  };
  /** The texts of one column (0-based) of the table's rows. */
  const column = (table: Locator, index: number) => table.locator('.el-table__row').evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll('td')[i]?.textContent?.trim() ?? ''), index);

  beforeAll(async () => {
    sink = await smtpSink();
    savedSmtp = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
    app = await startE2eApp('e2e_trust');
    await publishRole(app, { name: 'customer_keeper', label: { en: 'Customer keeper', 'zh-CN': '客户管理员' }, entities: { customer: { create: true, read: 'all', update: 'all', delete: 'all' } } });
    ids = {
      rita: await createUser(app, { email: 'rita@e2e.test', name: 'Rita Reset', roles: [] }),
      dora: await createUser(app, { email: 'dora@e2e.test', name: 'Dora Deleter', roles: ['customer_keeper'] }),
    };
    // Another tenant on the same server, with its own user: its entries never show in this tenant's log.
    const made = await tenantWithAdmin(app.db, app.url, 'e2e_trust_other');
    const call = api(app.url, made.token);
    const otto = await call('POST', '/api/users', { email: 'otto@other.test', name: 'Otto Other', password: app.password });
    if (otto.status !== 201) throw new Error(`creating otto failed: ${otto.status} ${JSON.stringify(otto.body)}`);
    other = { call, ottoId: otto.body.id as string };

    page = await open();
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      if (page) await app.shot(page, `failed-trust-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await app?.close();
    await sink?.close();
    if (savedSmtp === undefined) delete process.env.CRM_SMTP_URL;
    else process.env.CRM_SMTP_URL = savedSmtp;
  });

  it('resets a forgotten password with the link from the e-mail; the link works once', async () => {
    const rita = await open();
    await rita.goto('/signin');
    await rita.getByRole('link', { name: 'Forgot password?' }).click();
    await rita.waitForURL(at(/^\/reset-password$/));
    await rita.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await rita.getByLabel('Tenant').fill(app.tenant);
    await rita.getByLabel('Email').fill('Rita@E2E.test');
    await rita.getByRole('button', { name: 'Send the link' }).click();
    await rita.getByRole('status').getByText('If the address belongs to a user of this tenant, a link is on its way.').waitFor();
    await app.shot(rita, 'trust-01-reset-link-sent');

    await expect.poll(() => sink.messages.length, { timeout: 10_000 }).toBe(1);
    const mail = sink.messages[0];
    expect(JSON.stringify(mail.to)).toContain('rita@e2e.test');
    expect(mail.subject).toBe('Reset your e2e_trust password / 重置您在 e2e_trust 的密码');
    const link = /(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link?.startsWith(`${app.url}/reset-password?token=`)).toBe(true);

    await rita.goto(link!);
    await rita.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await rita.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await rita.getByLabel('Repeat the new password', { exact: true }).fill(NEW_PASSWORD);
    await rita.getByRole('button', { name: 'Set the password' }).click();
    await rita.getByRole('status').getByText('Your password is set. Sign in with it.').waitFor();
    await app.shot(rita, 'trust-02-password-set');

    await rita.getByRole('link', { name: 'Back to sign-in' }).click();
    await rita.waitForURL(at(/^\/signin/));
    await signIn(rita, { tenant: app.tenant, email: 'rita@e2e.test', password: NEW_PASSWORD });
    await rita.waitForURL(at(/^\/app$/));
    await rita.getByText('Rita Reset').first().waitFor();

    // The same link a second time is refused, and the password stays the new one.
    const again = await open();
    await again.goto(link!);
    await again.getByLabel('New password', { exact: true }).fill('Another-Pass-2028');
    await again.getByLabel('Repeat the new password', { exact: true }).fill('Another-Pass-2028');
    await again.getByRole('button', { name: 'Set the password' }).click();
    await again.getByRole('alert').getByText('This link is not valid any more. Ask for a new one.').waitFor();
    expect((await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: 'rita@e2e.test', password: NEW_PASSWORD })).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('lists a deleted customer with who deleted it and when, restores it, and it is back in its list', async () => {
    const made = await Promise.all([KEPT, BINNED].map((name) => app.call('POST', '/api/records/customer', { name })));
    const dora = api(app.url, (await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: 'dora@e2e.test', password: app.password })).body.token as string);
    for (const m of made) {
      expect(m.status).toBe(201);
      const gone = await dora('DELETE', `/api/records/customer/${m.body.id}`, undefined, { 'if-match': String(m.body.version) });
      expect(gone.status, JSON.stringify(gone.body)).toBe(204);
    }
    const { timeZone } = (await app.call('GET', '/api/settings')).body as { timeZone: string };
    const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(new Date());

    expect((await app.call('GET', `/api/records/customer?q=${encodeURIComponent(KEPT)}`)).body.data).toEqual([]);

    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Recycle bin' }).click();
    await page.waitForURL(at(/^\/app\/recycle-bin$/));
    await page.getByRole('heading', { name: 'Recycle bin' }).waitFor();
    await choose(page, page.getByRole('combobox', { name: 'Kind of record' }), 'Customers');
    const table = page.locator('.recycle-bin .el-table');
    const kept = table.locator('.el-table__row').filter({ hasText: KEPT });
    await kept.waitFor();
    expect(await column(table, 0)).toEqual(expect.arrayContaining([KEPT, BINNED]));
    expect(await kept.locator('td').nth(1).innerText()).toBe('Dora Deleter');
    expect(await kept.locator('td').nth(2).innerText()).toContain(today);
    await page.getByRole('note').getByText('Deleted records stay here for 30 days').waitFor();
    await app.shot(page, 'trust-03-recycle-bin');

    const restored = page.waitForResponse((r) => r.url().endsWith('/restore') && r.request().method() === 'POST');
    await kept.getByRole('button', { name: 'Restore' }).click();
    expect((await restored).status()).toBe(200);
    await page.getByRole('status').getByText(`“${KEPT}” is back.`).waitFor();
    await kept.waitFor({ state: 'detached' });
    expect(await column(table, 0)).toEqual([BINNED]);

    await page.goto(`/app/customer?q=${encodeURIComponent(KEPT)}`);
    await page.locator('.el-table__row').filter({ hasText: KEPT }).waitFor();
    await app.shot(page, 'trust-04-restored-in-list');
    expect(problems).toEqual([]);
  });

  it('filters the audit log by who, what and when, and shows only this tenant\'s entries; then in Chinese', async () => {
    // Dora signs in (an entry of hers), so "who" has something to find.
    expect((await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: 'dora@e2e.test', password: app.password })).status).toBe(200);
    const loaded = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit');
    const table = page.locator('.audit-table');
    const rows = table.locator('.el-table__row');

    let answer = loaded();
    await page.goto('/studio/audit');
    expect((await answer).status()).toBe(200);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await rows.first().waitFor();
    const whats = await column(table, 2);
    expect(whats).toEqual(expect.arrayContaining(['Added a user', 'Signed in', 'Installed a plugin', 'Published metadata changes']));
    // Every action reads as words, none as its code.
    expect(whats.filter((w) => /^[a-z_]+\.[a-z_.]+$/.test(w))).toEqual([]);
    const everyone = await column(table, 1);
    expect(everyone).not.toContain('Otto Other');
    await app.shot(page, 'trust-05-audit-log');

    // Who: Dora only.
    answer = loaded();
    await choose(page, page.locator('.audit-filters .el-select').nth(0), 'Dora Deleter');
    expect(new URL((await answer).url()).searchParams.get('actor')).toBe(ids.dora);
    await expect.poll(() => column(table, 1)).toEqual(['Dora Deleter', 'Dora Deleter']);
    expect(await column(table, 2)).toEqual(['Signed in', 'Signed in']);
    await page.locator('.audit-filters .el-select').nth(0).hover();
    answer = loaded();
    await page.locator('.audit-filters .el-select').nth(0).locator('.el-select__clear').click();
    await answer;

    // What: the users family, naming whom each change was about.
    answer = loaded();
    await choose(page, page.locator('.audit-filters .el-select').nth(1), 'Users');
    expect(new URL((await answer).url()).searchParams.get('action')).toBe('user.');
    await expect.poll(async () => [...new Set(await column(table, 2))]).toEqual(['Added a user']);
    expect(await column(table, 3)).toEqual(expect.arrayContaining(['Rita Reset', 'Dora Deleter']));
    expect(await column(table, 3)).not.toContain('Otto Other');
    await app.shot(page, 'trust-06-audit-users');

    // When: a month long ago has nothing; today has the entries again.
    const range = page.locator('.audit-filters .el-range-editor');
    let answered = loaded();
    await page.getByPlaceholder('From').fill('2020-01-01');
    await page.getByPlaceholder('To').fill('2020-01-31');
    await page.getByPlaceholder('To').press('Enter');
    expect(new URL((await answered).url()).searchParams.get('from')).toMatch(/^2019-12-3|^2020-01-0/);
    await table.getByText('Nothing was recorded for this choice.').waitFor();
    answered = loaded();
    await range.hover();
    await range.locator('.el-range__close-icon').click();
    await answered;
    // Today, picked on the calendar (the day it opens on).
    answered = loaded();
    await page.getByPlaceholder('From').click();
    const todayCell = page.locator('.el-date-range-picker:visible td.today').first();
    await todayCell.click();
    await todayCell.click();
    const picked = new URL((await answered).url()).searchParams;
    expect(Date.parse(picked.get('to')!) - Date.parse(picked.get('from')!)).toBe(86_400_000);
    expect(Date.parse(picked.get('from')!)).toBeLessThanOrEqual(Date.now());
    await expect.poll(async () => [...new Set(await column(table, 2))]).toEqual(['Added a user']);

    // The other tenant's entries are not reachable from here, even by asking for its user.
    const foreign = await page.evaluate(async (actor) => (await fetch(`/api/audit?actor=${actor}`)).json(), other.ottoId);
    expect(foreign).toEqual({ data: [], nextCursor: null });
    const mine = (await app.call('GET', '/api/users')).body.data as { id: string }[];
    const all = await page.evaluate(async () => (await fetch('/api/audit?limit=200')).json());
    const actors = new Set((all.data as { actorId: string | null }[]).map((e) => e.actorId).filter(Boolean));
    expect([...actors].every((a) => mine.some((u) => u.id === a))).toBe(true);
    // ...and the other tenant's admin sees their own user added, never this tenant's people.
    const theirs = (await other.call('GET', '/api/audit?action=user.')).body.data as { target: string }[];
    const targets = theirs.map((e) => e.target);
    expect(targets).toContain(other.ottoId);
    for (const id of [ids.rita, ids.dora]) expect(targets).not.toContain(id);

    // In Chinese: the audit page and the recycle bin.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await expect.poll(async () => [...new Set(await column(table, 2))]).toEqual(['添加用户']);
    await app.shot(page, 'trust-07-audit-zh');
    await page.goto('/app/recycle-bin');
    await page.getByRole('heading', { name: '回收站' }).waitFor();
    await choose(page, page.getByRole('combobox', { name: '记录类型' }), '客户');
    const binned = page.locator('.recycle-bin .el-table__row').filter({ hasText: BINNED });
    await binned.waitFor();
    expect(await binned.locator('td').nth(1).innerText()).toBe('Dora Deleter');
    await binned.getByRole('button', { name: '恢复' }).waitFor();
    await page.getByRole('columnheader', { name: '删除人' }).waitFor();
    await app.shot(page, 'trust-08-recycle-bin-zh');
    expect(problems).toEqual([]);
  });
});
