/**
 * `npm start`: the demo. Builds the app if missing, opens the database (embedded PGlite
 * in ./data unless DATABASE_URL is set), creates tenant `demo` on the first start,
 * serves on PORT (default 3000) and prints how to sign in.
 */
import { config, isConfigError } from '../config/index.js';
import { createLogger } from '../http/logger.js';
import { appConfigFromEnv, inboundMailFromEnv } from '../http/config-from-env.js';
import { startServer } from '../http/server.js';
import { buildStudioIfMissing } from './build-studio.js';
import { ensureDemoTenant } from './demo-tenant.js';
import { dbConfigFromEnv, openDatabaseForServing } from './open-db.js';
import { debugging } from './run-cli.js';
import { stopOnSignals } from './stop-on-signals.js';

const main = async (): Promise<void> => {
  const settings = config(); // checked before anything starts
  buildStudioIfMissing();
  const where = dbConfigFromEnv();
  const db = await openDatabaseForServing('server');
  const started = async () => {
    const demo = await ensureDemoTenant(db.knex, { dataDir: where.dataDir, password: settings.CRM_DEMO_PASSWORD, log: (l) => console.log(l) });
    return { demo, server: await startServer({ db, port: settings.PORT, log: createLogger({ level: settings.LOG_LEVEL ?? 'warn' }), config: appConfigFromEnv(settings), inboundMail: inboundMailFromEnv(settings) }) };
  };
  const { demo, server } = await started().catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
  const backend = db.backend === 'pglite' ? `embedded PGlite in ${where.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(
    [
      '',
      `CRM is running at ${server.url}  (${backend})`,
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
  if (isConfigError(e)) console.error(['could not start: invalid configuration (see .env.example)', ...e.problems.map((p) => `  ${p.name} ${p.message}`)].join('\n'));
  else console.error(`could not start: ${(e as Error).message}`);
  if (debugging()) console.error((e as Error).stack);
  process.exitCode = 1;
});
