import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { type Tenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { createUser } from '../security/index.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppConfig } from './app.js';
import type { Readiness } from './readiness.js';
import type { TenantLocale } from './request-locale.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './server.js';
import type { InboundMailConfig } from '../work/index.js';

export const ADMIN_PASSWORD = 'Correct-Horse-42';

/** A real server on a random port over a fresh test database. */
export const startTestServer = async (opts: { config?: AppConfig; inboundMail?: InboundMailConfig; workflows?: boolean } = {}): Promise<{ db: Db; server: RunningServer; url: string }> => {
  const db = await openTestDatabase();
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: createLogger({ level: 'silent' }), workflows: opts.workflows ?? false, config: opts.config, inboundMail: opts.inboundMail });
  return { db, server, url: server.url };
};

/** A tenant with an admin user; returns the tenant and a bearer token. */
export const tenantWithAdmin = async (db: Db, url: string, slug: string): Promise<{ tenant: Tenant; token: string; email: string }> => {
  const tenant = await createTenant(db.knex, { slug });
  const email = `admin@${slug}.test`;
  await createUser({ tenantId: tenant.id, email, password: ADMIN_PASSWORD, name: 'Admin', isAdmin: true }, { knex: db.knex });
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: slug, email, password: ADMIN_PASSWORD }) });
  const body = (await res.json()) as { token: string };
  return { tenant, token: body.token, email };
};

/** fetch with a bearer token and JSON in and out. */
export const api = (url: string, token?: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
};

/**
 * A second app over the same test database, with its own settings (CORS origins, a
 * metrics token, a readiness), served on a random loopback port. close() keeps the database.
 */
export const serveApp = async (db: Db, opts: { config?: AppConfig; readiness?: Readiness; tenantLocale?: TenantLocale } = {}): Promise<{ url: string; close(): Promise<void> }> => {
  const app = createApp({ db, log: createLogger({ level: 'silent' }), config: opts.config, readiness: opts.readiness, tenantLocale: opts.tenantLocale });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
};
