import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Db } from '../../core/db/connect.js';
import type { RunningServer } from '../../core/http/server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from '../../core/http/test-server.js';
import { databaseTenantEnv, pluginJobQueue } from '../../core/work/index.js';
import { startWorkflowWorker } from '../../core/workflow/index.js';

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

export interface E2eApp {
  url: string;
  db: Db;
  server: RunningServer;
  browser: Browser;
  tenant: string;
  email: string;
  password: string;
  /** The admin's bearer token, for setting up data through the API. */
  call: ReturnType<typeof api>;
  newPage(opts?: { width?: number; height?: number; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server in this process on a random port over a fresh test database, serving
 * studio/dist, with one tenant (admin + the customers plugin and its demo data) and Chromium.
 * With `workflows`, a workflow worker (and plugins' background jobs) runs in this process too, as `crm serve` does.
 */
export const startE2eApp = async (slug: string, opts: { workflows?: boolean } = {}): Promise<E2eApp> => {
  const { db, server, url } = await startTestServer();
  const worker = opts.workflows ? await startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), queues: [pluginJobQueue()] }) : undefined;
  const { token, email } = await tenantWithAdmin(db, url, slug);
  const call = api(url, token);
  const installed = await call('POST', '/api/plugins/customers/install', { withDemoData: true });
  if (installed.status !== 200) throw new Error(`installing customers failed: ${installed.status} ${JSON.stringify(installed.body)}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    db,
    server,
    browser,
    tenant: slug,
    email,
    password: ADMIN_PASSWORD,
    call,
    async newPage({ width = 1280, height = 860, locale = 'en-US' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale, baseURL: url });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      return { context, page };
    },
    async shot(page, name) {
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    async close() {
      await browser.close().catch(() => undefined);
      await worker?.stop();
      await server.close({ graceMs: 1000 });
    },
  };
};

/** Signs in through the form. */
export const signIn = async (page: Page, app: Pick<E2eApp, 'tenant' | 'email' | 'password'>, labels = { tenant: 'Tenant', email: 'Email', password: 'Password', submit: 'Sign in' }) => {
  await page.getByLabel(labels.tenant).fill(app.tenant);
  await page.getByLabel(labels.email).fill(app.email);
  await page.getByLabel(labels.password, { exact: true }).fill(app.password);
  await page.getByRole('button', { name: labels.submit }).click();
};

/** Creates a user through the API (as the admin) and answers its id. */
export const createUser = async (app: Pick<E2eApp, 'call' | 'password'>, user: { email: string; name: string; roles: string[]; team?: string }): Promise<string> => {
  const res = await app.call('POST', '/api/users', { ...user, password: app.password });
  if (res.status !== 201) throw new Error(`creating ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
};

/** Stores a role document in the tenant layer and publishes it, through the studio API. */
export const publishRole = async (app: Pick<E2eApp, 'call'>, role: { name: string } & Record<string, unknown>): Promise<void> => {
  const saved = await app.call('PUT', `/api/studio/role/${role.name}`, { kind: 'role', ...role });
  if (saved.status !== 200) throw new Error(`saving role ${role.name} failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  const published = await app.call('POST', '/api/studio/publish', {});
  if (published.status !== 200) throw new Error(`publishing failed: ${published.status} ${JSON.stringify(published.body)}`);
};

/** A URL predicate on the path and query only (the origin is the test server's). */
export const at = (pattern: RegExp) => (url: URL): boolean => pattern.test(decodeURIComponent(url.pathname + url.search));
