import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import { provisionTenant } from '../../provisioning/provision-tenant.js';
import { getTenant, listTenants, setPublicEndpoints } from '../../tenants/tenant-store.js';
import { withDatabase } from '../open-db.js';
import { registerTenantMove } from './tenant-move.js';

const pluginList = (v?: string): string[] | 'all' | undefined => (v === undefined ? undefined : v === 'all' ? 'all' : v.split(',').map((s) => s.trim()).filter(Boolean));

/** `crm tenant create <slug> --admin <email> --password <pw> [--plugins a,b|all] [--demo-data]`, `crm tenant list`, `tenant export|import`. */
export const registerTenant = (program: Command): void => {
  const tenant = program.command('tenant').description('tenants');
  tenant
    .command('create <slug>')
    .description('create a tenant with its first admin user')
    .requiredOption('--admin <email>', "the admin's e-mail")
    .requiredOption('--password <password>', "the admin's password")
    .option('--name <name>', 'display name of the tenant')
    .option('--plugins <list>', 'plugins to install: a,b or all')
    .option('--demo-data', 'also load the plugins\' demo data')
    .action((slug: string, o: { admin: string; password: string; name?: string; plugins?: string; demoData?: boolean }) =>
      withDatabase(async (db) => {
        await provisionTenant(
          { slug, name: o.name, adminEmail: o.admin, adminPassword: o.password, plugins: pluginList(o.plugins), demoData: o.demoData, onStep: (l) => console.log(l) },
          { knex: db.knex },
        );
      }),
    );
  tenant
    .command('public <slug> <state>')
    .description('turn the tenant\'s public endpoints (web forms, public plugin routes) on or off')
    .action((slug: string, state: string) =>
      withDatabase(async (db) => {
        if (state !== 'on' && state !== 'off') throw invalidInput('The state is on or off', [{ field: 'state', message: 'must be on or off' }]);
        await setPublicEndpoints(db.knex, await getTenant(db.knex, slug), state === 'on');
        console.log(`public endpoints of ${slug}: ${state}`);
      }),
    );
  tenant
    .command('list')
    .description('list tenants')
    .action(() =>
      withDatabase(async (db) => {
        const tenants = await listTenants(db.knex);
        if (!tenants.length) console.log('no tenants yet');
        for (const t of tenants) console.log(`${t.slug}\t${t.name}\t${t.status}\tmetadata v${t.publishedVersion}\tschema v${t.schemaVersion}`);
      }),
    );
  registerTenantMove(tenant);
};
