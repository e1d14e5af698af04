import type { Command } from 'commander';
import { config } from '../../config/index.js';
import { badRequest } from '../../errors.js';
import { createLogger } from '../../http/logger.js';
import { webhookQueue } from '../../webhooks/index.js';
import { startWorkflowWorker } from '../../workflow/index.js';
import { bulkMailQueue, databaseTenantEnv, pluginJobQueue } from '../../work/index.js';
import { openDatabaseForServing } from '../open-db.js';
import { stopOnSignals } from '../stop-on-signals.js';

/**
 * `crm worker`: a process that only runs workflow jobs, next to the servers (which run
 * their own in-process worker). Needs PostgreSQL: the embedded database belongs to the
 * one process that opened it.
 */
export const registerWorker = (program: Command): void => {
  program
    .command('worker')
    .description('run workflow jobs (needs DATABASE_URL)')
    .option('--concurrency <n>', 'runs advanced at once (default: CRM_WORKFLOW_CONCURRENCY, else 4)')
    .action(async (opts: { concurrency?: string }) => {
      const concurrency = Number(opts.concurrency ?? config().CRM_WORKFLOW_CONCURRENCY ?? 4);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw badRequest('--concurrency must be a whole number from 1 to 64');
      if (!config().DATABASE_URL) throw badRequest('crm worker needs DATABASE_URL (with the embedded database, the server runs the workflows itself)');
      const log = createLogger();
      const db = await openDatabaseForServing('worker');
      const onError = (e: unknown) => log.error({ error: (e as Error)?.message ?? String(e), code: (e as { code?: string })?.code }, 'workflow worker');
      const worker = await startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), queues: [webhookQueue(), bulkMailQueue(), pluginJobQueue()], concurrency, onError });
      log.info({ concurrency }, 'workflow worker running');
      console.log(`workflow worker running (${concurrency} at once); Ctrl+C stops it`);
      await stopOnSignals(async () => {
        await worker.stop();
        await db.close();
      });
    });
};
