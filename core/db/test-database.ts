import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { connect, type Db } from './connect.js';
import { migrateEngine } from './migrate.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on
 * the server named by TEST_DATABASE_URL (dropped, with its tenant roles, on close).
 */
export const openTestDatabase = async (): Promise<Db> => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = connect({ dataDir: 'memory' });
    await migrateEngine(db.knex);
    return db;
  }
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = connect({ databaseUrl: dbUrl.toString(), poolMax: 5 });
  await migrateEngine(db.knex);
  const installId = (await db.knex('crm_system.settings').where({ key: 'install_id' }).first()).value as string;
  return {
    ...db,
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
        const roles = await c.query(`select rolname from pg_roles where rolname like $1`, [`crm\\_${installId}\\_%`]);
        for (const r of roles.rows) await c.query(`drop role if exists "${r.rolname}"`);
      } finally {
        await c.end();
      }
    },
  };
};
