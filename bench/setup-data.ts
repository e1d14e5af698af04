import type { Knex } from 'knex';
import { connect } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { withTenant } from '../core/db/tenant.js';
import { createTenant, getTenant } from '../core/tenants/tenant-store.js';
import { createLogger } from '../core/http/logger.js';
import { startServer } from '../core/http/server.js';
import { createUser } from '../core/security/index.js';
import { bulkLoadDeals } from './bulk-load.js';
import { ENTITY, REP_ROLE, VIEW, dealEntity, dealView, repRole } from './entity.js';

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

/** A signed-in user of the plan tenant with the own-scoped role (REP_ROLE). */
export interface BenchRep {
  userId: string;
  name: string;
  token: string;
  /** How many users own the plan tenant's rows (this one among them), each the same share. */
  owners: number;
}

export interface BenchData {
  tenants: BenchTenant[];
  /** The tenant whose list query is EXPLAINed, and where the own-scoped list is measured. */
  planTenant: BenchTenant;
  /** The own-scoped user of planTenant. */
  rep: BenchRep;
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

const login = async (url: string, slug: string, email: string): Promise<string> =>
  ((await call(url, '/api/auth/login', { method: 'POST', body: { tenant: slug, email, password: PASSWORD } })) as { token: string }).token;

/**
 * `count` users with the own-scoped role, created by the admin over HTTP (a few at a
 * time: each hashes a password); the first one signs in.
 */
const createReps = async (url: string, slug: string, adminToken: string, count: number): Promise<{ rep: BenchRep; ids: string[] }> => {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 4) {
    const batch = Array.from({ length: Math.min(4, count - i) }, (_, k) => i + k + 1);
    const made = await Promise.all(
      batch.map((n) => call(url, '/api/users', { method: 'POST', token: adminToken, body: { email: `rep${n}@${slug}.bench`, password: PASSWORD, name: `Bench Rep ${n}`, roles: [REP_ROLE] } })),
    );
    ids.push(...made.map((u) => String(u.id)));
  }
  const token = await login(url, slug, `rep1@${slug}.bench`);
  return { rep: { userId: ids[0], name: 'Bench Rep 1', token, owners: count }, ids };
};

/**
 * A tenant made the way a customer's is: tenant and admin, sign-in, entity saved and
 * published in the studio, then rows loaded with SQL. With `owners`, the own-scoped
 * role is published with the entity and that many users get it; the rows are then
 * spread evenly over them (otherwise the admin owns them all).
 */
const benchTenant = async (knex: Knex, url: string, slug: string, rows: number, owners = 0): Promise<{ tenant: BenchTenant; rep?: BenchRep }> => {
  const created = await createTenant(knex, { slug });
  const email = `admin@${slug}.bench`;
  const user = await createUser({ tenantId: created.id, email, password: PASSWORD, name: 'Bench Admin', isAdmin: true }, { knex });
  const token = await login(url, slug, email);
  await call(url, `/api/studio/entity/${ENTITY}`, { method: 'PUT', token, body: dealEntity });
  await call(url, `/api/studio/view/${VIEW}`, { method: 'PUT', token, body: dealView });
  if (owners) await call(url, `/api/studio/role/${REP_ROLE}`, { method: 'PUT', token, body: repRole });
  await call(url, '/api/studio/publish', { method: 'POST', token, body: {} });
  const reps = owners ? await createReps(url, slug, token, owners) : undefined;
  const tenant = await getTenant(knex, slug);
  const ids = await withTenant(knex, tenant, async (trx) => {
    await bulkLoadDeals(trx, { rows, ownerId: user.id, owners: reps?.ids });
    const { rows: sample } = await trx.raw(`select id from ${ENTITY} order by random() limit ?`, [2 * SAMPLE]);
    return (sample as { id: string }[]).map((r) => r.id);
  });
  const half = Math.ceil(ids.length / 2);
  return { tenant: { slug, schema: tenant.schema, userId: user.id, token, readIds: ids.slice(0, half), writeIds: ids.slice(half) }, rep: reps?.rep };
};

/**
 * Migrates the bench database and creates the tenants through the engine (a server of
 * its own, in this process, only for set-up): `tenants` tenants sharing `rows` rows, and
 * one more with `planRows` rows, owned evenly by `owners` own-scoped users, for the
 * EXPLAIN and the own-scoped list.
 */
export const setupData = async (databaseUrl: string, opts: { tenants: number; rows: number; planRows: number; owners: number }): Promise<BenchData> => {
  const db = connect({ databaseUrl, poolMax: 4 });
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: createLogger({ level: 'silent' }), workflows: false });
  try {
    await migrateEngine(db.knex);
    const url = server.url.replace('localhost', '127.0.0.1');
    const tenants: BenchTenant[] = [];
    for (let i = 0; i < opts.tenants; i++) {
      const rows = Math.floor(opts.rows / opts.tenants) + (i < opts.rows % opts.tenants ? 1 : 0);
      tenants.push((await benchTenant(db.knex, url, `bench_${i + 1}`, rows)).tenant);
    }
    const plan = await benchTenant(db.knex, url, 'bench_plan', opts.planRows, opts.owners);
    if (!plan.rep) throw new Error('the plan tenant has no own-scoped user');
    return { tenants, planTenant: plan.tenant, rep: plan.rep };
  } finally {
    await server.close({ graceMs: 1_000 });
  }
};
