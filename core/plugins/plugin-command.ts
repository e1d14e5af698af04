import type { Knex } from 'knex';
import { getTenant } from '../tenants/tenant-store.js';
import { badRequest } from '../errors.js';
import { installPlugin } from './install-plugin.js';
import { purgePlugin } from './purge-plugin.js';
import { uninstallPlugin } from './uninstall-plugin.js';
import { upgradePlugin } from './upgrade-plugin.js';
import type { LifecycleResult, PluginActor } from './types.js';

export interface PluginCommandInput {
  action: 'install' | 'upgrade' | 'uninstall' | 'purge';
  plugin: string;
  tenant: string;
  withDemoData?: boolean;
  confirmDestructive?: boolean;
  /** purge only: the plugin's name again. */
  confirm?: string;
}

/** `crm plugin <action> <name> --tenant <slug>`: runs the operation and returns lines to print. */
export const runPluginCommand = async (input: PluginCommandInput, ctx: { knex: Knex; actor?: PluginActor }): Promise<string[]> => {
  const tenant = await getTenant(ctx.knex, input.tenant);
  const lctx = { knex: ctx.knex, actor: ctx.actor ?? { id: 'cli', name: 'crm command line', roles: [], isAdmin: true } };
  const { plugin } = input;
  let result: LifecycleResult;
  if (input.action === 'install') result = await installPlugin({ tenant, plugin, withDemoData: input.withDemoData, confirmDestructive: input.confirmDestructive }, lctx);
  else if (input.action === 'upgrade') result = await upgradePlugin({ tenant, plugin, confirmDestructive: input.confirmDestructive }, lctx);
  else if (input.action === 'uninstall') result = await uninstallPlugin({ tenant, plugin }, lctx);
  else if (input.action === 'purge') result = await purgePlugin({ tenant, plugin, confirm: input.confirm }, lctx);
  else throw badRequest(`Unknown plugin command "${String(input.action)}"`);
  return [
    ...result.changes.map((c) => `${c.change} ${c.plugin} ${c.version} for tenant ${result.tenant}`),
    ...result.notes,
    ...result.schemaSteps.map((s) => `schema: ${s}`),
    ...Object.entries(result.seeded).map(([entity, n]) => `seeded ${n} ${entity}`),
  ];
};
