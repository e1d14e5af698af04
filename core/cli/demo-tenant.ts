import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTenant, getTenant } from '../tenants/tenant-store.js';
import { listUsers } from '../security/index.js';
import { provisionTenant } from '../provisioning/provision-tenant.js';
import { DEMO_SETTINGS } from './demo-settings.js';

export const DEMO_TENANT = 'demo';
export const DEMO_ADMIN = 'admin@demo.local';

export interface DemoCredentials {
  tenant: string;
  email: string;
  /** Undefined when the demo was created with CRM_DEMO_PASSWORD and the file is gone. */
  password?: string;
  created: boolean;
  /** The other users of the demo tenant (same password): e-mail and roles. */
  others: { email: string; roles: string[] }[];
}

const othersOf = async (knex: Knex): Promise<DemoCredentials['others']> => {
  const tenant = await getTenant(knex, DEMO_TENANT);
  return (await listUsers({ tenantId: tenant.id }, { knex })).filter((u) => u.email !== DEMO_ADMIN).map((u) => ({ email: u.email, roles: u.roles }));
};

/** A generated password that satisfies the policy (letters and digits, 16 characters). */
const generatePassword = (): string => `Demo-${randomBytes(9).toString('base64url')}7`;

/**
 * On the first start, creates tenant `demo` with every available plugin and its demo
 * data, and an admin whose password is CRM_DEMO_PASSWORD or generated. The password is
 * kept in <dataDir>/demo-admin.txt (readable by the owner only) so later starts can
 * print it again; a second start reuses everything.
 */
export const ensureDemoTenant = async (knex: Knex, opts: { dataDir: string; password?: string; log: (l: string) => void }): Promise<DemoCredentials> => {
  const file = join(opts.dataDir, 'demo-admin.txt');
  const exists = await findTenant(knex, DEMO_TENANT);
  if (exists) {
    const password = opts.password ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
    return { tenant: DEMO_TENANT, email: DEMO_ADMIN, password, created: false, others: await othersOf(knex) };
  }
  const password = opts.password ?? generatePassword();
  opts.log('creating tenant "demo" with every plugin and demo data (first start only)…');
  await provisionTenant(
    {
      slug: DEMO_TENANT,
      name: 'Demo 演示公司',
      adminEmail: DEMO_ADMIN,
      adminPassword: password,
      adminName: 'Demo Admin',
      plugins: 'all',
      demoData: true,
      settings: DEMO_SETTINGS,
      onStep: (l) => (l.startsWith('schema:') ? undefined : opts.log(`  ${l}`)),
    },
    { knex },
  );
  if (!opts.password) {
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  return { tenant: DEMO_TENANT, email: DEMO_ADMIN, password, created: true, others: await othersOf(knex) };
};
