/**
 * `npm start`: the demo. Builds the app if missing, opens the database (embedded PGlite
 * in ./data unless DATABASE_URL is set), creates tenant `demo` on the first start,
 * serves on PORT (default 3000) and prints how to sign in.
 */
import { createLogger } from '../http/logger.js';
import { startServer } from '../http/server.js';
import { buildStudioIfMissing } from './build-studio.js';
import { portFromEnv } from './commands/serve.js';
import { ensureDemoTenant } from './demo-tenant.js';
import { dbConfigFromEnv, openDatabaseForServing } from './open-db.js';
import { stopOnSignals } from './stop-on-signals.js';

const main = async (): Promise<void> => {
  buildStudioIfMissing();
  const config = dbConfigFromEnv();
  const port = portFromEnv();
  const db = await openDatabaseForServing('server');
  const started = async () => {
    const demo = await ensureDemoTenant(db.knex, { dataDir: config.dataDir, password: process.env.CRM_DEMO_PASSWORD || undefined, log: (l) => console.log(l) });
    return { demo, server: await startServer({ db, port, log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }) }) };
  };
  const { demo, server } = await started().catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
  const where = db.backend === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(
    [
      '',
      `CRM is running at ${server.url}  (${where})`,
      `  app:      ${server.url}/app`,
      `  studio:   ${server.url}/studio`,
      `  API docs: ${server.url}/api/docs`,
      '',
      'Sign in with',
      `  tenant:   ${demo.tenant}`,
      `  email:    ${demo.email}`,
      `  password: ${demo.password ?? '(the CRM_DEMO_PASSWORD it was created with)'}`,
      ...(demo.others.length ? ['', 'Other demo users (same password):', ...demo.others.map((u) => `  ${u.email.padEnd(26)} ${u.roles.join(', ')}`)] : []),
      '',
      'Ctrl+C stops the server.',
    ].join('\n'),
  );
  await stopOnSignals(() => server.close());
};

main().catch((e) => {
  console.error(`could not start: ${(e as Error).message}`);
  if (process.env.CRM_DEBUG) console.error((e as Error).stack);
  process.exitCode = 1;
});
