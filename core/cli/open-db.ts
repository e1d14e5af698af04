import { connect, type Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';
import { describeUpgrade, upgradeTenantSchemas } from '../tenants/upgrade-tenant-schemas.js';

/** Where the engine keeps its data: DATABASE_URL, else embedded PGlite in CRM_DATA_DIR (default ./data). */
export const dbConfigFromEnv = () => ({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.CRM_DATA_DIR || './data',
});

/** Opens the database named by the environment and brings the engine tables up to date. */
export const openDatabase = async (): Promise<Db> => {
  const db = connect(dbConfigFromEnv());
  try {
    await migrateEngine(db.knex);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
};

/**
 * Opens the database for a long-running process (server, worker): engine tables up to
 * date, then every tenant's schema up the ladder, printing a line per tenant that
 * climbed or failed. A tenant that fails stays as it was; its requests will fail, the
 * others are served.
 */
export const openDatabaseForServing = async (log: (line: string) => void = console.log): Promise<Db> => {
  const db = await openDatabase();
  await upgradeTenantSchemas(db.knex, { onTenant: (u) => (u.steps.length || u.error ? log(describeUpgrade(u)) : undefined) });
  return db;
};

/** Runs `fn` with an open database and always closes it. */
export const withDatabase = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};
