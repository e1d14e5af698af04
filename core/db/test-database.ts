import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { connect, type Db } from './connect.js';
import { migrateEngine } from './migrate.js';

/**
 * A new, empty database on the server of `serverUrl` (test support). `drop` removes it
 * with the tenant roles the engine made in it (`crm_<install id>_<slug>`).
 */
export const createScratchDatabase = async (serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const url = dbUrl.toString();
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        const inDb = new pg.Client({ connectionString: url });
        await inDb.connect();
        const installId = (await inDb.query(`select value #>> '{}' as id from crm_system.settings where key = 'install_id'`).catch(() => ({ rows: [] }))).rows[0]?.id;
        await inDb.end();
        await c.query(`drop database if exists ${name} with (force)`);
        if (installId) {
          const roles = await c.query(`select rolname from pg_roles where rolname like $1`, [`crm\\_${installId}\\_%`]);
          for (const r of roles.rows) await c.query(`drop role if exists "${r.rolname}"`);
        }
      } finally {
        await c.end();
      }
    },
  };
};

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on
 * the server named by TEST_DATABASE_URL (dropped, with its tenant roles, on close).
 */
export const openTestDatabase = async (): Promise<Db> => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = connect({ dataDir: 'memory' });
    await db.ready?.();
    await migrateEngine(db.knex);
    return db;
  }
  const scratch = await createScratchDatabase(url);
  const db = connect({ databaseUrl: scratch.url, poolMax: 5 });
  await migrateEngine(db.knex);
  return {
    ...db,
    close: async () => {
      await db.close();
      await scratch.drop();
    },
  };
};
