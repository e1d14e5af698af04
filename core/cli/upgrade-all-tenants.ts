import { SingleBar, Presets } from 'cli-progress';
import type { Knex } from 'knex';
import semver from 'semver';
import { findAvailablePlugin, runPluginCommand } from '../plugins/index.js';

/**
 * Upgrades one plugin in every tenant that has an older version installed, one tenant
 * per transaction, with a progress bar. Tenants already upgraded are not in the list,
 * so after a crash the same command resumes where it stopped. Failures are reported
 * per tenant and do not stop the others.
 */
export const upgradeAllTenants = async (input: { plugin: string; confirmDestructive?: boolean }, ctx: { knex: Knex }): Promise<{ upgraded: string[]; failed: { tenant: string; error: string }[] }> => {
  const available = await findAvailablePlugin(input.plugin);
  const rows: { slug: string; version: string }[] = await ctx.knex('crm_system.plugin_installs as p')
    .join('crm_system.tenants as t', 't.id', 'p.tenant_id')
    .where({ 'p.plugin': input.plugin, 'p.status': 'installed' })
    .orderBy('t.slug')
    .select('t.slug', 'p.version');
  const due = rows.filter((r) => semver.lt(r.version, available.manifest.version));
  console.log(`${input.plugin} ${available.manifest.version}: ${due.length} of ${rows.length} tenant(s) to upgrade`);
  const bar = new SingleBar({ format: ' {bar} {value}/{total} {tenant}', stream: process.stderr }, Presets.shades_classic);
  bar.start(due.length, 0, { tenant: '' });
  const upgraded: string[] = [];
  const failed: { tenant: string; error: string }[] = [];
  for (const r of due) {
    bar.update({ tenant: r.slug });
    try {
      await runPluginCommand({ action: 'upgrade', plugin: input.plugin, tenant: r.slug, confirmDestructive: input.confirmDestructive }, { knex: ctx.knex });
      upgraded.push(r.slug);
    } catch (e) {
      failed.push({ tenant: r.slug, error: (e as Error).message });
    }
    bar.increment();
  }
  bar.stop();
  for (const f of failed) console.log(`failed ${f.tenant}: ${f.error}`);
  console.log(`upgraded ${upgraded.length}, failed ${failed.length}`);
  if (failed.length) process.exitCode = 1;
  return { upgraded, failed };
};
