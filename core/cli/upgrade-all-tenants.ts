import { SingleBar, Presets } from 'cli-progress';
import type { Knex } from 'knex';
import semver from 'semver';
import { findAvailablePlugin, installsOfPlugin, runPluginCommand } from '../plugins/index.js';

/**
 * Upgrades one plugin in every tenant that has an older version installed, one tenant
 * per transaction, with a progress bar. Tenants already upgraded are not in the list,
 * so after a crash the same command resumes where it stopped. Failures are reported
 * per tenant and do not stop the others.
 */
export const upgradeAllTenants = async (input: { plugin: string; confirmDestructive?: boolean }, ctx: { knex: Knex }): Promise<{ upgraded: string[]; failed: { tenant: string; error: string }[] }> => {
  const available = await findAvailablePlugin(input.plugin);
  const rows = await installsOfPlugin(ctx.knex, input.plugin);
  const due = rows.filter((r) => semver.lt(r.version, available.manifest.version));
  console.log(`${input.plugin} ${available.manifest.version}: ${due.length} of ${rows.length} tenant(s) to upgrade`);
  const bar = new SingleBar({ format: ' {bar} {value}/{total} {tenant}', stream: process.stderr }, Presets.shades_classic);
  bar.start(due.length, 0, { tenant: '' });
  const upgraded: string[] = [];
  const failed: { tenant: string; error: string }[] = [];
  for (const r of due) {
    bar.update({ tenant: r.tenant });
    try {
      await runPluginCommand({ action: 'upgrade', plugin: input.plugin, tenant: r.tenant, confirmDestructive: input.confirmDestructive }, { knex: ctx.knex });
      upgraded.push(r.tenant);
    } catch (e) {
      failed.push({ tenant: r.tenant, error: (e as Error).message });
    }
    bar.increment();
  }
  bar.stop();
  for (const f of failed) console.log(`failed ${f.tenant}: ${f.error}`);
  console.log(`upgraded ${upgraded.length}, failed ${failed.length}`);
  if (failed.length) process.exitCode = 1;
  return { upgraded, failed };
};
