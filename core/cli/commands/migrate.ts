import type { Command } from 'commander';
import { migrateEngine } from '../../db/migrate.js';
import { describeUpgrade, upgradeTenantSchemas } from '../../tenants/upgrade-tenant-schemas.js';
import { withDatabase } from '../open-db.js';

/**
 * `crm migrate`: brings the engine's own tables up to date, then climbs
 * every tenant's schema to the top of the tenant schema ladder, one line per tenant.
 */
export const registerMigrate = (program: Command): void => {
  program
    .command('migrate')
    .description('bring the engine tables and every tenant schema up to date')
    .action(() =>
      withDatabase(async (db) => {
        const ran = await migrateEngine(db.knex);
        console.log(ran.length ? `ran ${ran.join(', ')}` : 'the engine tables are up to date');
        const tenants = await upgradeTenantSchemas(db.knex, { onTenant: (u) => console.log(describeUpgrade(u)) });
        if (!tenants.length) console.log('no tenants yet');
        const failed = tenants.filter((u) => u.error).length;
        if (failed) throw new Error(`${failed} tenant schema(s) could not be upgraded (see above); the others were`);
      }),
    );
};
