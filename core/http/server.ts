import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { webhookQueue } from '../webhooks/index.js';
import { servicesFromEnv, startWorkflowWorker } from '../workflow/index.js';
import { bulkMailQueue, databaseTenantEnv, pluginJobQueue, startInboundMail, type InboundMailConfig } from '../work/index.js';
import { problem } from '../errors.js';
import { createEventHub } from '../events/index.js';
import type { TenantLocale } from './request-locale.js';
import { createApp, type AppConfig } from './app.js';
import { EVENT_STREAMS_PER_USER } from './routes/events.js';
import type { Readiness } from './readiness.js';

/** A port that cannot be had, said plainly (the caller still owns the database and closes it). */
const listenError = (e: NodeJS.ErrnoException, port: number, host = '0.0.0.0'): Error => {
  const where = `port ${port} on ${host}`;
  if (e.code === 'EADDRINUSE') return problem('PORT_IN_USE', { where });
  if (e.code === 'EACCES') return problem('PORT_NOT_ALLOWED', { where });
  if (e.code === 'EADDRNOTAVAIL') return problem('HOST_NOT_AVAILABLE', { host });
  return e;
};

export interface RunningServer {
  url: string;
  /** The inbound SMTP listener's port, when one runs. */
  smtpPort?: number;
  server: Server;
  /**
   * Marks the server draining (/api/health/ready answers 503), keeps serving for drainMs
   * (default 0) so load balancers can take it out, then stops accepting, lets in-flight
   * requests finish (up to graceMs), and closes the database.
   */
  close(opts?: { graceMs?: number; keepDb?: boolean; drainMs?: number }): Promise<void>;
}

/** Starts the HTTP server on `port` (0 = any free port). */
export const startServer = async (deps: {
  db: Db;
  port: number;
  log: Logger;
  host?: string;
  config?: AppConfig;
  /** Run workflows in this process (default); false when separate `crm worker` processes do, and in tests that start their own. */
  workflows?: boolean;
  /** A tenant's language, for problems to people the request does not name (default: English). */
  tenantLocale?: TenantLocale;
  /** The inbound SMTP listener (CRM_SMTP_INBOUND_PORT); unset: none. */
  inboundMail?: InboundMailConfig;
}): Promise<RunningServer> => {
  const readiness: Readiness = { started: false, draining: false };
  const events = createEventHub(deps.db, { perUser: EVENT_STREAMS_PER_USER, onError: (e) => deps.log.error({ error: (e as Error).message }, 'live events') });
  const app = createApp({ db: deps.db, log: deps.log, config: deps.config, readiness, tenantLocale: deps.tenantLocale, events });
  const server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, deps.port, deps.host)));
    server.listen(deps.port, deps.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const workflows = deps.workflows === false ? undefined : await startWorkflowWorker(deps.db, { tenants: databaseTenantEnv(deps.db.knex), queues: [webhookQueue(), bulkMailQueue(), pluginJobQueue()], ...(deps.config?.mail && { services: { ...servicesFromEnv(), mail: deps.config.mail } }), onError: (e) => deps.log.error({ error: (e as Error).message }, 'workflow') });
  const inbound = deps.inboundMail
    ? await startInboundMail(deps.db.knex, deps.inboundMail, (e) => deps.log.error({ error: (e as Error).message }, 'inbound mail')).catch(async (e: NodeJS.ErrnoException) => {
        await new Promise((resolve) => server.close(resolve));
        throw listenError(e, deps.inboundMail!.port, deps.inboundMail!.host);
      })
    : undefined;
  if (inbound) deps.log.info({ port: inbound.port }, 'inbound SMTP listening');
  let workerStopped = false;
  if (workflows) readiness.workflowWorker = () => !workerStopped;
  readiness.started = true;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    smtpPort: inbound?.port,
    server,
    close: (opts = {}) =>
      (closing ??= (async () => {
        readiness.draining = true;
        if (opts.drainMs) await new Promise((resolve) => setTimeout(resolve, opts.drainMs));
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        await events.stop();
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), opts.graceMs ?? 10_000);
        await done;
        clearTimeout(timer);
        await inbound?.close();
        workerStopped = true;
        await workflows?.stop();
        if (!opts.keepDb) await deps.db.close();
      })()),
  };
};
