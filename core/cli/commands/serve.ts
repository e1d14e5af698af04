import type { Command } from 'commander';
import { config } from '../../config/index.js';
import { badRequest } from '../../errors.js';
import { createLogger } from '../../http/logger.js';
import { appConfigFromEnv, drainMsFromEnv, inboundMailFromEnv } from '../../http/config-from-env.js';
import { startServer } from '../../http/server.js';
import { openDatabaseForServing } from '../open-db.js';
import { stopOnSignals } from '../stop-on-signals.js';

/** The port to listen on: `--port` when given, else PORT (validated with the configuration, default 3000). */
export const portFromEnv = (given?: string): number => {
  if (given === undefined) return config().PORT;
  const port = Number(given);
  if (given.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw badRequest(`--port must be a port number from 0 to 65535, not "${given}"`);
  return port;
};

/** `crm serve`: the API server (and the built app) on PORT, default 3000. */
export const registerServe = (program: Command): void => {
  program
    .command('serve')
    .description('start the API server (PORT, default 3000)')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on', '0.0.0.0')
    .option('--no-workflows', 'do not run workflows in this process (separate `crm worker` processes do)')
    .action(async (opts: { port?: string; host: string; workflows: boolean }) => {
      const log = createLogger();
      const port = portFromEnv(opts.port);
      const config = appConfigFromEnv();
      const drainMs = drainMsFromEnv();
      const db = await openDatabaseForServing('server');
      const server = await startServer({ db, port, host: opts.host, log, config, workflows: opts.workflows, inboundMail: inboundMailFromEnv() }).catch(async (e: unknown) => {
        await db.close();
        throw e;
      });
      log.info({ url: server.url, backend: db.backend }, 'listening');
      console.log(`CRM API listening on ${server.url} (${db.backend})`);
      await stopOnSignals(() => server.close({ drainMs }));
    });
};
