import { connect, type Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';

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

/** Runs `fn` with an open database and always closes it. */
export const withDatabase = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};
