import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { exportTenantToFile, importMetadataLayer, importTenant } from '../../provisioning/archive/index.js';
import { withDatabase } from '../open-db.js';
import { engineVersion } from '../run-cli.js';

/** A bar on stderr when it is a terminal; nothing otherwise (the summary follows either way). */
const progressBar = (verb: string): { update(p: { done: number; total: number; table: string }): void; stop(): void } => {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {table}`, hideCursor: true, clearOnComplete: true });
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(p.total, 0, { table: p.table });
      started = true;
      bar.update(p.done, { table: p.table });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
};

const summary = (counts: Record<string, number>): string[] =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `  ${key.replace(/^(system|tenant|entity):/, '')}\t${n}`);

/** `crm tenant export <slug> --out <file>` and `crm tenant import <file> [--as <slug>] [--metadata-only]` (DESIGN §12). */
export const registerTenantMove = (tenant: Command): void => {
  tenant
    .command('export <slug>')
    .description('write the whole tenant (metadata, plugins, users, records, history, files) to one gzip\'d archive; keep it secret')
    .requiredOption('--out <file>', 'the archive to write')
    .action((slug: string, o: { out: string }) =>
      withDatabase(async (db) => {
        const bar = progressBar('exporting');
        try {
          const header = await exportTenantToFile({ slug, out: o.out, engineVersion: engineVersion(), onProgress: (p) => bar.update(p) }, { knex: db.knex });
          bar.stop();
          const rows = Object.values(header.counts).reduce((n, c) => n + c, 0);
          console.log(`exported tenant ${slug} to ${o.out}: ${rows} rows`);
          for (const line of summary(header.counts)) console.log(line);
        } finally {
          bar.stop();
        }
      }),
    );
  tenant
    .command('import <file>')
    .description('make a tenant from an archive written by `tenant export`, all or nothing; refused if the slug is taken')
    .option('--as <slug>', 'the slug of the new tenant (default: the one in the archive)')
    .option('--metadata-only', "only the archive's published metadata layer, as the new draft of an existing tenant (publish it from the studio)")
    .action((file: string, o: { as?: string; metadataOnly?: boolean }) =>
      withDatabase(async (db) => {
        if (o.metadataOnly) {
          const r = await importMetadataLayer({ file, as: o.as }, { knex: db.knex });
          console.log(`imported the metadata layer of ${r.header.tenant.slug} into tenant ${r.tenant.slug} as draft version ${r.version}: ${r.documents} document(s), ${r.changes} change(s); publish it from the studio`);
          return;
        }
        const bar = progressBar('importing');
        try {
          const result = await importTenant({ file, as: o.as, onProgress: (p) => bar.update(p) }, { knex: db.knex });
          bar.stop();
          const rows = Object.values(result.counts).reduce((n, c) => n + c, 0);
          console.log(`imported tenant ${result.tenant.slug} (schema ${result.tenant.schema}) from ${file}: ${rows} rows`);
          if (result.renewedUserIds) console.log(`  ${result.renewedUserIds} user(s) took new ids (theirs are taken in this database)`);
          for (const line of summary(result.counts)) console.log(line);
        } finally {
          bar.stop();
        }
      }),
    );
};
