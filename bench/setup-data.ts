import type { Knex } from 'knex';
import { connect } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { withTenant } from '../core/db/tenant.js';
import { createTenant, getTenant } from '../core/tenants/tenant-store.js';
import { createLogger } from '../core/http/logger.js';
import { startServer } from '../core/http/server.js';
import { createUser } from '../core/security/index.js';
import { bulkLoadDeals } from './bulk-load.js';
import { ENTITY, REP_ROLE, SHARED_TEAM, TEAMS, VIEW, dealEntity, dealView, planDealEntity, repRole, teamName } from './entity.js';
import { bulkLoadShares } from './share-load.js';

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

/** The plan tenant's user with the own-scoped role who is in SHARED_TEAM: records are shared with it, its team and by the sharing rule. */
export interface BenchSharedRep extends BenchRep {
  /** Rows in the plan tenant's share table (to users and teams). */
  shares: number;
}

export interface BenchData {
  tenants: BenchTenant[];
  /** The tenant whose list query is EXPLAINed, and where the own-scoped list is measured. */
  planTenant: BenchTenant;
  /** The own-scoped user of planTenant (no record is shared with it). */
  rep: BenchRep;
  /** Another own-scoped user of planTenant, with shares. */
  sharedRep: BenchSharedRep;
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
 * The teams of the plan tenant (records made over HTTP) and the user in SHARED_TEAM with
 * the own-scoped role, signed in.
 */
const createTeamsAndSharedRep = async (url: string, slug: string, adminToken: string): Promise<{ teams: string[]; rep: BenchRep }> => {
  const teams: string[] = [];
  for (let n = 1; n <= TEAMS; n++) teams.push(String((await call(url, '/api/records/team', { method: 'POST', token: adminToken, body: { name: teamName(n) } })).id));
  const email = `shared@${slug}.bench`;
  const made = await call(url, '/api/users', { method: 'POST', token: adminToken, body: { email, password: PASSWORD, name: 'Bench Shared Rep', roles: [REP_ROLE], team: SHARED_TEAM } });
  return { teams, rep: { userId: String(made.id), name: 'Bench Shared Rep', token: await login(url, slug, email), owners: 0 } };
};

/**
 * A tenant made the way a customer's is: tenant and admin, sign-in, entity saved and
 * published in the studio, then rows loaded with SQL. With `owners`, the own-scoped
 * role is published with the entity (which then has the sharing rule), that many users
 * get it, and so does one more user in a team; the rows are then spread evenly over them
 * (otherwise the admin owns them all), and `shares` of them are shared with these users
 * (but the first) and the teams.
 */
const benchTenant = async (knex: Knex, url: string, slug: string, rows: number, owners = 0, shares = 0): Promise<{ tenant: BenchTenant; rep?: BenchRep; sharedRep?: BenchSharedRep }> => {
  const created = await createTenant(knex, { slug });
  const email = `admin@${slug}.bench`;
  const user = await createUser({ tenantId: created.id, email, password: PASSWORD, name: 'Bench Admin', isAdmin: true }, { knex });
  const token = await login(url, slug, email);
  await call(url, `/api/studio/entity/${ENTITY}`, { method: 'PUT', token, body: owners ? planDealEntity : dealEntity });
  await call(url, `/api/studio/view/${VIEW}`, { method: 'PUT', token, body: dealView });
  if (owners) await call(url, `/api/studio/role/${REP_ROLE}`, { method: 'PUT', token, body: repRole });
  await call(url, '/api/studio/publish', { method: 'POST', token, body: {} });
  const reps = owners ? await createReps(url, slug, token, owners) : undefined;
  const shared = owners ? await createTeamsAndSharedRep(url, slug, token) : undefined;
  const tenant = await getTenant(knex, slug);
  const result = await withTenant(knex, tenant, async (trx) => {
    await bulkLoadDeals(trx, { rows, ownerId: user.id, owners: reps && shared ? [...reps.ids, shared.rep.userId] : undefined });
    const loaded = reps && shared && shares ? await bulkLoadShares(trx, { shares, users: [...reps.ids.slice(1), shared.rep.userId], teams: shared.teams, createdBy: user.id }) : 0;
    const { rows: sample } = await trx.raw(`select id from ${ENTITY} order by random() limit ?`, [2 * SAMPLE]);
    return { ids: (sample as { id: string }[]).map((r) => r.id), shares: loaded };
  });
  // What autovacuum does soon after a bulk load (the visibility map lets index-only scans skip the heap), done now so every run reads the same state.
  if (owners) await knex.raw('vacuum (analyze) ??.??, ??.??', [tenant.schema, ENTITY, tenant.schema, '_shares']);
  const { ids } = result;
  const half = Math.ceil(ids.length / 2);
  const sharedRep = shared ? { ...shared.rep, owners: owners + 1, shares: result.shares } : undefined;
  return { tenant: { slug, schema: tenant.schema, userId: user.id, token, readIds: ids.slice(0, half), writeIds: ids.slice(half) }, rep: reps && { ...reps.rep, owners: owners + 1 }, sharedRep };
};

/**
 * Migrates the bench database and creates the tenants through the engine (a server of
 * its own, in this process, only for set-up): `tenants` tenants sharing `rows` rows, and
 * one more with `planRows` rows, owned evenly by `owners` own-scoped users and the shared
 * one, `shares` of them shared, for the EXPLAIN and the own-scoped lists.
 */
export const setupData = async (databaseUrl: string, opts: { tenants: number; rows: number; planRows: number; owners: number; shares: number }): Promise<BenchData> => {
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
    const plan = await benchTenant(db.knex, url, 'bench_plan', opts.planRows, opts.owners, opts.shares);
    if (!plan.rep || !plan.sharedRep) throw new Error('the plan tenant has no own-scoped user');
    return { tenants, planTenant: plan.tenant, rep: plan.rep, sharedRep: plan.sharedRep };
  } finally {
    await server.close({ graceMs: 1_000 });
  }
};
