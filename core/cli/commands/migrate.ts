import type { Command } from 'commander';
import { migrateEngine } from '../../db/migrate.js';
import { withDatabase } from '../open-db.js';

/** `crm migrate`: brings the engine tables (schema crm_system) up to date. */
export const registerMigrate = (program: Command): void => {
  program
    .command('migrate')
    .description('bring the engine tables up to date')
    .action(() =>
      withDatabase(async (db) => {
        const ran = await migrateEngine(db.knex);
        console.log(ran.length ? `ran ${ran.join(', ')}` : 'the engine tables are up to date');
      }),
    );
};
