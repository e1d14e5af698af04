import type { Knex } from 'knex';
import { connect } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { createTenant, getTenant, withTenant } from '../core/db/tenant.js';
import { createLogger } from '../core/http/logger.js';
import { startServer } from '../core/http/server.js';
import { createUser } from '../core/security/index.js';
import { bulkLoadDeals } from './bulk-load.js';
import { ENTITY, dealEntity } from './entity.js';

export interface BenchTenant {
  slug: string;
  schema: string;
  userId: string;
  /** Bearer token of the tenant's admin. */
  token: string;
  /** Ids the read scenario fetches (up to 1,000 random rows). */
  readIds: string[];
  /** As many other ids, which the update scenario changes. */
  writeIds: string[];
}

export interface BenchData {
  tenants: BenchTenant[];
  /** The tenant whose list query is EXPLAINed. */
  planTenant: BenchTenant;
}

const PASSWORD = 'Bench-Password-42';
const SAMPLE = 1_000;

const call = async (url: string, path: string, init: { method: string; token?: string; body?: unknown }): Promise<Record<string, unknown>> => {
  const res = await fetch(`${url}${path}`, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: JSON.stringify(init.body ?? {}),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${init.method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
};

/** A tenant made the way a customer's is: tenant and admin, sign-in, entity saved and published in the studio, then rows loaded with SQL. */
const benchTenant = async (knex: Knex, url: string, slug: string, rows: number): Promise<BenchTenant> => {
  const created = await createTenant(knex, { slug });
  const email = `admin@${slug}.bench`;
  const user = await createUser({ tenantId: created.id, email, password: PASSWORD, name: 'Bench Admin', isAdmin: true }, { knex });
  const { token } = (await call(url, '/api/auth/login', { method: 'POST', body: { tenant: slug, email, password: PASSWORD } })) as { token: string };
  await call(url, `/api/studio/entity/${ENTITY}`, { method: 'PUT', token, body: dealEntity });
  await call(url, '/api/studio/publish', { method: 'POST', token, body: {} });
  const tenant = await getTenant(knex, slug);
  const ids = await withTenant(knex, tenant, async (trx) => {
    await bulkLoadDeals(trx, { rows, ownerId: user.id });
    const { rows: sample } = await trx.raw(`select id from ${ENTITY} order by random() limit ?`, [2 * SAMPLE]);
    return (sample as { id: string }[]).map((r) => r.id);
  });
  const half = Math.ceil(ids.length / 2);
  return { slug, schema: tenant.schema, userId: user.id, token, readIds: ids.slice(0, half), writeIds: ids.slice(half) };
};

/**
 * Migrates the bench database and creates the tenants through the engine (a server of
 * its own, in this process, only for set-up): `tenants` tenants sharing `rows` rows, and
 * one more with `planRows` rows for the EXPLAIN.
 */
export const setupData = async (databaseUrl: string, opts: { tenants: number; rows: number; planRows: number }): Promise<BenchData> => {
  const db = connect({ databaseUrl, poolMax: 4 });
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: createLogger({ level: 'silent' }) });
  try {
    await migrateEngine(db.knex);
    const url = server.url.replace('localhost', '127.0.0.1');
    const tenants: BenchTenant[] = [];
    for (let i = 0; i < opts.tenants; i++) {
      const rows = Math.floor(opts.rows / opts.tenants) + (i < opts.rows % opts.tenants ? 1 : 0);
      tenants.push(await benchTenant(db.knex, url, `bench_${i + 1}`, rows));
    }
    const planTenant = await benchTenant(db.knex, url, 'bench_plan', opts.planRows);
    return { tenants, planTenant };
  } finally {
    await server.close({ graceMs: 1_000 });
  }
};
