import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, createUser, signIn, startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, unknown>;

/** Polls `check` until it answers true, up to `ms`. */
const until = async (check: () => Promise<boolean>, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** What the device keeps, read straight from IndexedDB: records and their size, waiting changes, files waiting to upload. */
const deviceCopy = (page: Page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'crm-offline')) return { exists: false, records: 0, bytes: 0, outbox: 0, files: 0 };
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('crm-offline');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((ok, fail) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const records = await all('records');
    const outbox = await all('outbox');
    const files = db.objectStoreNames.contains('files') ? await all('files') : [];
    db.close();
    return { exists: true, records: records.length, bytes: JSON.stringify(records).length, outbox: outbox.length, files: files.length };
  });

/** The installable app offline on a phone: browse, edit and create without a network, sync, a conflict, sign-out. */
describe('offline work on a phone', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  let customerId: string;
  const rep = { email: 'rep@e2e-offline.test', name: 'Field Rep' };
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_offline');
    const repId = await createUser(app, { ...rep, roles: ['account_manager'] });
    const made = await app.call('POST', '/api/records/customer', { name: 'Offline Trading Co', address: 'Old street 1' });
    expect(made.status).toBe(201);
    customerId = made.body.id;
    expect((await app.call('PATCH', `/api/records/customer/${customerId}`, { owner_id: repId }, { 'If-Match': String(made.body.version) })).status).toBe(200);
    ({ context, page } = await app.newPage({ width: 390, height: 844 }));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-offline-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  const server = async (path: string): Promise<Row> => (await app.call('GET', path)).body as Row;

  it('starts offline, browses a customer, logs an activity with a photo and edits the customer; back online all reach the server once', async () => {
    await page.goto('/app');
    await signIn(page, { tenant: app.tenant, email: rep.email, password: app.password });
    await page.waitForURL(at(/^\/app$/));
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === '1', undefined, { timeout: 30_000 });
    expect((await deviceCopy(page)).records).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.goto(`/app/customer/${customerId}`);
    await page.getByTestId('offline-notice').waitFor();
    await page.locator('[data-field="address"]').getByText('Old street 1').waitFor();

    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/app/activity/new?customer=${customerId}&date=${today}&type=visit&subject=Visit%20in%20the%20basement`);
    // A photo taken on site: kept on the device, waiting to upload.
    const photo = { name: 'meter-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 64 }, (_, i) => i), 0xff, 0xd9]) };
    await page.locator('[data-field="attachments"] input[type=file]').setInputFiles(photo);
    await page.locator('[data-field="attachments"]').getByText('Waiting to upload').waitFor();
    expect((await deviceCopy(page)).files).toBe(1);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(at(/^\/app\/activity\/[0-9a-f-]{36}$/));
    await page.getByText('Visit in the basement').first().waitFor();
    await page.locator('[data-field="attachments"]').getByText('Waiting to upload').waitFor();

    await page.goto(`/app/customer/${customerId}/edit`);
    await page.getByLabel('Address').fill('New street 2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await page.locator('[data-field="address"]').getByText('New street 2').waitFor();
    await page.getByTestId('offline-notice').getByText('2 changes waiting to be sent').waitFor();
    await app.shot(page, '90-offline-phone');

    await context.setOffline(false);
    await until(async () => (await server(`/api/records/customer/${customerId}`)).address === 'New street 2');
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'subject' }, 'Visit in the basement'] }));
    await until(async () => ((await server(`/api/records/activity?filter=${filter}`)).data as Row[]).length > 0);
    await until(async () => (await deviceCopy(page)).outbox === 0);
    const activities = (await server(`/api/records/activity?filter=${filter}`)).data as Row[];
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ customer: customerId, date: today, type: 'visit' });
    // The photo went up once with the activity, and left the device.
    const files = activities[0].attachments as { id: string; name: string; size: number }[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: 'meter-photo.jpg', size: 70 });
    expect((await app.call('GET', `/api/files/${files[0].id}`)).status).toBe(200);
    expect((await deviceCopy(page)).files).toBe(0);
  });

  it('brings back an offline edit that met a newer server version as a conflict, resolved in the conflict panel', async () => {
    await context.setOffline(true);
    await page.goto(`/app/customer/${customerId}/edit`);
    await page.getByLabel('Phone').fill('0571-11112222');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    const current = await server(`/api/records/customer/${customerId}`);
    expect((await app.call('PATCH', `/api/records/customer/${customerId}`, { phone: '0571-99998888' }, { 'If-Match': String(current.version) })).status).toBe(200);

    await context.setOffline(false);
    await page.getByTestId('outbox-attention').getByRole('button', { name: 'Review' }).click();
    await page.getByTestId('outbox').getByRole('button', { name: 'Resolve' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}\/edit\?queued=\d+$/));
    const panel = page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await panel.locator('tr').filter({ hasText: '0571-11112222' }).filter({ hasText: '0571-99998888' }).waitFor();
    await app.shot(page, '91-offline-conflict');
    await panel.getByRole('button', { name: 'Keep my changes' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await until(async () => (await server(`/api/records/customer/${customerId}`)).phone === '0571-11112222');
    await until(async () => (await deviceCopy(page)).outbox === 0);
    expect(await page.getByTestId('outbox-attention').count()).toBe(0);
  });

  it('wipes the device\'s copy at sign-out, and when the server says the session is gone', async () => {
    expect((await deviceCopy(page)).exists).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(at(/^\/signin/));
    await until(async () => !(await deviceCopy(page)).exists);

    await signIn(page, { tenant: app.tenant, email: rep.email, password: app.password });
    await page.waitForURL(at(/^\/app$/));
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === '1', undefined, { timeout: 30_000 });
    await context.clearCookies();
    await page.reload();
    await page.waitForURL(at(/^\/signin/));
    await until(async () => !(await deviceCopy(page)).exists);
  });

  it('precaches the staff app only: never the store, portal or landing pages', async () => {
    const sw = await (await fetch(`${app.url}/sw.js`)).text();
    expect(sw).toContain('"index.html"');
    for (const page of ['store.html', 'portal.html', 'landing.html']) expect(sw).not.toContain(`"${page}"`);
  });

  it('gets ready for offline work on a throttled phone, and says how long it took and how much it keeps', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: app.url });
    try {
      const p = await phone.newPage();
      const cdp = await phone.newCDPSession(p);
      // A mid-range phone on a fast 3G network.
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await p.goto('/signin');
      await signIn(p, { tenant: app.tenant, email: rep.email, password: app.password });
      const started = Date.now();
      await p.waitForURL(at(/^\/app$/), { timeout: 60_000 });
      await p.waitForFunction(() => document.documentElement.dataset.offlineReady === '1', undefined, { timeout: 120_000 });
      const ms = Date.now() - started;
      const copy = await deviceCopy(p);
      console.info(`offline-ready on a throttled phone: ${ms} ms; working set ${copy.records} records, ${copy.bytes} bytes`);
      expect(copy.records).toBeGreaterThan(0);
      expect(ms).toBeLessThan(120_000);
    } finally {
      await phone.close();
    }
  });
});
