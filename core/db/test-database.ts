import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Db } from './connect.js';
import { migrateEngine } from './migrate.js';

/**
 * Where a test run keeps its migrated template (set by prepareTestDatabaseTemplate in the
 * main vitest process; the test workers inherit it): a PGlite data directory tarball, or
 * the name of a database on the TEST_DATABASE_URL server.
 */
const PGLITE_TEMPLATE = 'CRM_TEST_PGLITE_TEMPLATE';
const PG_TEMPLATE = 'CRM_TEST_PG_TEMPLATE';

const scratchName = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

const withAdmin = async <T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

const urlOf = (serverUrl: string, name: string): string => {
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  return dbUrl.toString();
};

/**
 * A new database on the server of `serverUrl` (test support): empty, or a copy of
 * `template`. `drop` removes it with the tenant roles the engine made in it
 * (`crm_<install id>_<slug>`).
 */
export const createScratchDatabase = async (serverUrl: string, opts: { template?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = scratchName('crm_test');
  await withAdmin(serverUrl, (c) => c.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`));
  const url = urlOf(serverUrl, name);
  return {
    url,
    drop: () =>
      withAdmin(serverUrl, async (c) => {
        const inDb = new pg.Client({ connectionString: url });
        await inDb.connect();
        const installId = (await inDb.query(`select value #>> '{}' as id from crm_system.settings where key = 'install_id'`).catch(() => ({ rows: [] }))).rows[0]?.id;
        await inDb.end();
        await c.query(`drop database if exists ${name} with (force)`);
        if (installId) {
          const roles = await c.query(`select rolname from pg_roles where rolname like $1`, [`crm\\_${installId}\\_%`]);
          for (const r of roles.rows) await c.query(`drop role if exists "${r.rolname}"`);
        }
      }),
  };
};

/**
 * vitest globalSetup support: migrates one database for the whole run, so each test file
 * copies it instead of starting PGlite from initdb (seconds of WASM work) or migrating a new
 * Postgres database. Answers the teardown, or nothing when this process has a template
 * already (several projects share one).
 */
export const prepareTestDatabaseTemplate = async (): Promise<(() => Promise<void>) | undefined> => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env[PGLITE_TEMPLATE]) return undefined;
    const db = connect({ dataDir: 'memory' });
    await db.ready?.();
    await migrateEngine(db.knex);
    const file = join(tmpdir(), `${scratchName('crm-test-template')}.tar`);
    await writeFile(file, Buffer.from(await (await db.dumpDataDir!()).arrayBuffer()));
    await db.close();
    process.env[PGLITE_TEMPLATE] = file;
    return async () => {
      delete process.env[PGLITE_TEMPLATE];
      await rm(file, { force: true });
    };
  }
  if (process.env[PG_TEMPLATE]) return undefined;
  const name = scratchName('crm_template');
  await withAdmin(url, (c) => c.query(`create database ${name}`));
  const db = connect({ databaseUrl: urlOf(url, name), poolMax: 1 });
  await migrateEngine(db.knex);
  await db.close();
  process.env[PG_TEMPLATE] = name;
  return async () => {
    delete process.env[PG_TEMPLATE];
    await withAdmin(url, (c) => c.query(`drop database if exists ${name} with (force)`));
  };
};

/**
 * A copy of the template gets its own install id, as a freshly migrated database would
 * (tenant roles are named after it, and on one server roles are shared by all databases);
 * the engine migrations then run as usual (none is left to run).
 */
const likeFresh = async (db: Db): Promise<Db> => {
  await db.knex.raw(`update crm_system.settings set value = to_jsonb(?::text) where key = 'install_id'`, [randomBytes(4).toString('hex')]);
  await migrateEngine(db.knex);
  return db;
};

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on
 * the server named by TEST_DATABASE_URL (dropped, with its tenant roles, on close). Under
 * vitest both start as a copy of the run's template (prepareTestDatabaseTemplate).
 */
export const openTestDatabase = async (): Promise<Db> => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = process.env[PGLITE_TEMPLATE];
    const db = connect({ dataDir: 'memory', ...(template ? { loadDataDir: new Blob([await readFile(template)]) } : {}) });
    await db.ready?.();
    if (template) return likeFresh(db);
    await migrateEngine(db.knex);
    return db;
  }
  const template = process.env[PG_TEMPLATE];
  const scratch = await createScratchDatabase(url, { template });
  const db = connect({ databaseUrl: scratch.url, poolMax: 5 });
  if (template) await likeFresh(db);
  else await migrateEngine(db.knex);
  return {
    ...db,
    close: async () => {
      await db.close();
      await scratch.drop();
    },
  };
};
