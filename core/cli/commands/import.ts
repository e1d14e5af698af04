import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { importFile, type ImportProgress } from '../../transfer/import-file.js';
import { withDatabase } from '../open-db.js';

/** Files smaller than this import without a progress bar. */
const BAR_FROM_BYTES = 1024 * 1024;

/** A bar on stderr for long files, when stderr is a terminal. */
const progressBar = (): ImportProgress | undefined => {
  if (!process.stderr.isTTY) return undefined;
  let bar: SingleBar | undefined;
  return {
    start(total) {
      if (total < BAR_FROM_BYTES) return;
      bar = new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {percentage}% | {rows} rows | {duration_formatted}', hideCursor: true, clearOnComplete: true });
      bar.start(total, 0, { rows: 0 });
    },
    update: (bytes, rows) => bar?.update(bytes, { rows }),
    stop: () => bar?.stop(),
  };
};

interface ImportFlags {
  tenant: string;
  key?: string;
  dryRun?: boolean;
  partial?: boolean;
  errors?: string;
  /** commander's negation of --no-workflows: false when given. */
  workflows: boolean;
  duplicates?: 'report' | 'skip' | 'merge';
}

/** `--duplicates` as the import option: `report` lists the rows and still writes them. */
const DUPLICATES = { report: 'flag', skip: 'skip', merge: 'merge' } as const;

/** `crm import <entity> <file.csv|file.xlsx> --tenant <slug> [--key <field>] [--dry-run] [--partial] [--errors <out.csv>] [--no-workflows] [--duplicates report|skip|merge]` */
export const registerImport = (program: Command): void => {
  program
    .command('import <entity> <file>')
    .description('import records from a CSV file (UTF-8) or an .xlsx workbook (its first sheet); the first row names the columns; all or nothing unless --partial')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--key <field>', 'update the record with the same value of this unique field (or id), create the others')
    .option('--dry-run', 'check every row and write nothing')
    .option('--partial', 'keep the good rows when some fail')
    .option('--errors <out.csv>', 'write the bad rows, with an error column, to this file')
    .option('--no-workflows', 'write the rows without starting the workflows their creates and updates trigger')
    .addOption(
      new Option('--duplicates <how>', "new rows matching records by the entity's duplicate rules: report them (still written), skip them, or merge each into the record it matches (its filled cells update that record)")
        .choices(Object.keys(DUPLICATES)),
    )
    .action(async (entity: string, file: string, flags: ImportFlags) => {
      const io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`), progress: progressBar() };
      const input = { entity, file, tenant: flags.tenant, key: flags.key, dryRun: flags.dryRun, partial: flags.partial, errorsOut: flags.errors, workflows: flags.workflows, duplicates: flags.duplicates && DUPLICATES[flags.duplicates] };
      await withDatabase((db) => importFile(input, { ...io, knex: db.knex }));
    });
};
