import { config } from '../config/index.js';
import { connect, type Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';
import { describeUpgrade, upgradeTenantSchemas } from '../tenants/upgrade-tenant-schemas.js';
import { productionKeyProblem, sealStoredTwoFactorSecrets } from '../security/index.js';
import { badRequest } from '../errors.js';

/** The command this process runs, as a second opener of the data directory is told (`export customer`). */
const commandOfProcess = (): string => process.argv.slice(2).filter((a) => !a.startsWith('-')).slice(0, 2).join(' ') || 'command';

/** Where the engine keeps its data: DATABASE_URL, else embedded PGlite in CRM_DATA_DIR (default ./data). */
export const dbConfigFromEnv = (holder?: string) => ({
  databaseUrl: config().DATABASE_URL,
  dataDir: config().CRM_DATA_DIR,
  holder: holder ?? commandOfProcess(),
});

/**
 * Opens the database named by the environment and brings the engine tables up to date.
 * `holder` is `server` for a process that serves; the embedded database is then refused
 * to every other process until it stops (DATA_DIR_IN_USE).
 */
export const openDatabase = async (holder?: string): Promise<Db> => {
  const db = connect(dbConfigFromEnv(holder));
  try {
    await migrateEngine(db.knex);
  } catch (e) {
    await db.close().catch(() => undefined); // cleanup before re-throwing the error that matters
    throw e;
  }
  return db;
};

/**
 * Opens the database for a long-running process (server, worker): engine tables up to
 * date, then every tenant's schema up the ladder, printing a line per tenant that
 * climbed or failed. A tenant that fails stays as it was; its requests will fail, the
 * others are served. `holder` names the process to a second opener of the embedded database.
 * With NODE_ENV=production it refuses to start without CRM_SECRETS_KEY, or with the
 * development key kept in the database as CRM_SECRETS_KEY.
 */
export const openDatabaseForServing = async (holder: string, log: (line: string) => void = console.log): Promise<Db> => {
  const keyless = await productionKeyProblem();
  if (keyless) throw badRequest(keyless);
  const db = await openDatabase(holder);
  try {
    // In production the key may not be the development one kept in the database either.
    const devKey = await productionKeyProblem(db.knex);
    if (devKey) throw badRequest(devKey);
    await upgradeTenantSchemas(db.knex, { onTenant: (u) => (u.steps.length || u.error ? log(describeUpgrade(u)) : undefined) });
    // Two-factor secrets stored before they were encrypted at rest are sealed with the install's key.
    const sealed = await sealStoredTwoFactorSecrets(db.knex);
    if (sealed) log(`encrypted ${sealed} stored two-factor secret(s)`);
  } catch (e) {
    await db.close().catch(() => undefined); // cleanup before re-throwing the error that matters
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
