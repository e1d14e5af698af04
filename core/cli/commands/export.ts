import type { Command } from 'commander';
import { exportFile } from '../../transfer/export-file.js';
import { withDatabase } from '../open-db.js';

interface ExportFlags {
  tenant: string;
  filter?: string;
  fields?: string;
  sort?: string;
  out?: string;
  bom: boolean;
}

/** `crm export <entity> --tenant <slug> [--filter <json>] [--fields a,b] [--sort -a,b] [--out file.csv]` (stdout by default). */
export const registerExport = (program: Command): void => {
  program
    .command('export <entity>')
    .description('export records as CSV (UTF-8 with a BOM) or, with --out file.xlsx, as an Excel workbook; references by their natural key')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--filter <json>', 'json-logic rule the records must match')
    .option('--fields <a,b>', 'columns, in order (default: id, every field, owner and timestamps)')
    .option('--sort <keys>', 'sort keys, e.g. -amount,name (default: oldest first)')
    .option('--out <file>', 'write to this file instead of stdout (a name ending in .xlsx writes an Excel workbook)')
    .option('--no-bom', 'leave out the byte order mark')
    .action(async (entity: string, flags: ExportFlags) => {
      await withDatabase((db) => exportFile({ entity, ...flags }, { knex: db.knex, stdout: process.stdout }));
    });
};
