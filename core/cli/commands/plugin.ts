import type { Command } from 'commander';
import { getTenant } from '../../tenants/tenant-store.js';
import { listPlugins, runPluginCommand, type PluginCommandInput } from '../../plugins/index.js';
import { withDatabase } from '../open-db.js';
import { upgradeAllTenants } from '../upgrade-all-tenants.js';

interface Opts {
  tenant?: string;
  allTenants?: boolean;
  demoData?: boolean;
  confirmDestructive?: boolean;
  confirm?: string;
}

/**
 * `crm plugin install|upgrade|uninstall|purge <name> --tenant <slug>`,
 * `crm plugin upgrade <name> --all-tenants` (with progress; a re-run resumes), `crm plugin list --tenant <slug>`.
 */
export const registerPlugin = (program: Command): void => {
  const plugin = program.command('plugin').description('plugins of a tenant');
  for (const action of ['install', 'upgrade', 'uninstall', 'purge'] as const) {
    const cmd = plugin.command(`${action} <name>`).description(`${action} a plugin for a tenant`).option('--tenant <slug>', 'tenant');
    if (action === 'install') cmd.option('--demo-data', 'also load its demo data');
    if (action === 'install' || action === 'upgrade') cmd.option('--confirm-destructive', 'accept destructive schema steps');
    if (action === 'upgrade') cmd.option('--all-tenants', 'upgrade every tenant that has it installed');
    if (action === 'purge') cmd.option('--confirm <name>', 'the plugin name again: purge drops its tables and data');
    cmd.action((name: string, o: Opts) =>
      withDatabase(async (db) => {
        if (action === 'upgrade' && o.allTenants) {
          await upgradeAllTenants({ plugin: name, confirmDestructive: o.confirmDestructive }, { knex: db.knex });
          return;
        }
        if (!o.tenant) throw new Error('--tenant <slug> is required');
        const input: PluginCommandInput = { action, plugin: name, tenant: o.tenant, withDemoData: o.demoData, confirmDestructive: o.confirmDestructive, confirm: o.confirm };
        for (const line of await runPluginCommand(input, { knex: db.knex })) console.log(line);
      }),
    );
  }
  plugin
    .command('list')
    .description('available plugins and what the tenant has')
    .requiredOption('--tenant <slug>', 'tenant')
    .action((o: { tenant: string }) =>
      withDatabase(async (db) => {
        const tenant = await getTenant(db.knex, o.tenant);
        for (const p of await listPlugins({ tenant }, { knex: db.knex })) {
          const state = p.status === 'available' ? 'not installed' : `${p.status} ${p.installedVersion}`;
          console.log(`${p.name}\t${p.availableVersion}\t${state}${p.upgradeAvailable ? '\tupgrade available' : ''}`);
        }
      }),
    );
};
