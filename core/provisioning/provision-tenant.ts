import type { Knex } from 'knex';
import { type Tenant } from '../db/tenant.js';
import { createTenant, getTenant } from '../tenants/tenant-store.js';
import { saveTenantSettings } from '../tenants/tenant-settings.js';
import { createDemoUsers, type CreatedDemoUser } from './demo-users.js';
import { invalidInput } from '../errors.js';
import { discoverPlugins, orderByDependencies, runPluginCommand } from '../plugins/index.js';
import { createUser, passwordProblems, type PublicUser } from '../security/index.js';

export interface ProvisionInput {
  slug: string;
  name?: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  /** Plugin names, or 'all' for every available plugin. */
  plugins?: string[] | 'all';
  demoData?: boolean;
  /** Settings (zone, currency, locale, calendar…) saved before any plugin or demo data. */
  settings?: Record<string, unknown>;
  /** Called with one line per step (for progress output). */
  onStep?: (line: string) => void;
}

/**
 * A ready tenant: its schema and role, a first admin user, and the chosen plugins
 * installed (dependencies first) with or without their demo data; with demo data, the
 * demo users the plugins declare. The password is
 * checked before anything is created, so bad input leaves nothing behind.
 */
export const provisionTenant = async (input: ProvisionInput, ctx: { knex: Knex }): Promise<{ tenant: Tenant; admin: PublicUser; demoUsers: CreatedDemoUser[]; lines: string[] }> => {
  const problems = passwordProblems(input.adminPassword, input.adminEmail);
  if (problems.length) throw invalidInput('The admin password does not meet the policy', problems);
  // Dependencies first, so 'all' never installs a plugin another one's install brought in already.
  const available = orderByDependencies(await discoverPlugins()).map((p) => p.manifest.name);
  const plugins = input.plugins === 'all' ? available : (input.plugins ?? []);
  const unknown = plugins.filter((p) => !available.includes(p));
  if (unknown.length) throw invalidInput(`Unknown plugin(s): ${unknown.join(', ')}`, [{ field: 'plugins', message: `available: ${available.join(', ') || 'none'}` }]);
  const tenant = await createTenant(ctx.knex, { slug: input.slug, name: input.name });
  const admin = await createUser(
    { tenantId: tenant.id, email: input.adminEmail, password: input.adminPassword, name: input.adminName ?? 'Administrator', isAdmin: true },
    { knex: ctx.knex },
  );
  const lines: string[] = [`created tenant ${tenant.slug} (schema ${tenant.schema})`, `created admin ${admin.email}`];
  input.onStep?.(lines[0]);
  input.onStep?.(lines[1]);
  if (input.settings) {
    const saved = await saveTenantSettings(ctx.knex, tenant, { id: admin.id, isAdmin: true }, input.settings);
    lines.push(`saved settings (${saved.timeZone}, ${saved.currency}, ${saved.locale})`);
    input.onStep?.(lines[lines.length - 1]);
  }
  for (const plugin of plugins) {
    input.onStep?.(`installing ${plugin}…`);
    const out = await runPluginCommand(
      { action: 'install', plugin, tenant: tenant.slug, withDemoData: input.demoData },
      { knex: ctx.knex, actor: { id: admin.id, name: admin.name } },
    );
    for (const line of out) input.onStep?.(line);
    lines.push(...out);
  }
  const demoUsers = input.demoData ? await createDemoUsers({ tenant: await getTenant(ctx.knex, tenant.slug), password: input.adminPassword, adminId: admin.id }, ctx) : [];
  for (const u of demoUsers) {
    const line = `created demo user ${u.email} (${u.roles.join(', ')})`;
    input.onStep?.(line);
    lines.push(line);
  }
  return { tenant, admin, demoUsers, lines };
};
