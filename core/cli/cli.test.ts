import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_TENANT_SCHEMA, TENANT_SCHEMA_LADDER } from '../db/tenant-schema/ladder.js';
import { createScratchDatabase } from '../db/test-database.js';
import { useBundledPluginCopy } from '../plugins/testing.js';
import { withDatabase } from './open-db.js';
import { EXIT, runCli } from './run-cli.js';
import { runCrm } from './test-support/run-crm.js';

const crm = runCrm;

describe('crm command line', () => {
  let cleanup: () => Promise<void>;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CRM_DATA_DIR: process.env.CRM_DATA_DIR };

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
      process.env.DATABASE_URL = scratch.url;
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
      delete process.env.DATABASE_URL;
      process.env.CRM_DATA_DIR = dir;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    if (saved.CRM_DATA_DIR === undefined) delete process.env.CRM_DATA_DIR;
    await cleanup?.();
  });

  it('migrates, then reports nothing left to do', async () => {
    expect((await crm('migrate')).code).toBe(EXIT.ok);
    expect((await crm('migrate')).out).toContain('up to date');
  });

  it('creates a tenant with an admin and a plugin, and refuses bad input without leaving anything behind', async () => {
    const weak = await crm('tenant', 'create', 'weak', '--admin', 'a@weak.test', '--password', 'short');
    expect(weak.code).toBe(EXIT.refused);
    expect(weak.err).toMatch(/password: must be at least/);
    const bogus = await crm('tenant', 'create', 'bogus', '--admin', 'a@b.test', '--password', 'Long-enough-1', '--plugins', 'nothing');
    expect(bogus.code).toBe(EXIT.refused);
    expect(bogus.err).toContain('nothing');
    const made = await crm('tenant', 'create', 'acme', '--admin', 'boss@acme.test', '--password', 'Acme-Admin-2026', '--plugins', 'customers');
    expect(made.code).toBe(EXIT.ok);
    expect(made.out).toContain('installed customers');
    expect((await crm('tenant', 'create', 'acme', '--admin', 'x@acme.test', '--password', 'Acme-Admin-2026')).code).toBe(EXIT.refused);
    const list = await crm('tenant', 'list');
    expect(list.out).toContain('acme');
    expect(list.out).not.toMatch(/weak|bogus/);
  });

  it('switches the public endpoints of a tenant off and on', async () => {
    expect((await crm('tenant', 'public', 'acme', 'maybe')).code).toBe(EXIT.refused);
    const off = await crm('tenant', 'public', 'acme', 'off');
    expect(off.code).toBe(EXIT.ok);
    expect(off.out).toContain('public endpoints of acme: off');
    expect(await withDatabase(async (db) => (await db.knex('crm_system.tenants').where({ slug: 'acme' }).first('public_enabled')).public_enabled)).toBe(false);
    expect((await crm('tenant', 'public', 'acme', 'on')).code).toBe(EXIT.ok);
    expect((await crm('tenant', 'public', 'nowhere', 'on')).code).toBe(EXIT.refused);
  });

  it('adds users and lists plugins of a tenant', async () => {
    expect((await crm('user', 'create', '--tenant', 'acme', '--email', 'wang@acme.test', '--password', 'Fang-Secret-2026', '--name', '王芳', '--roles', 'account_manager')).code).toBe(EXIT.ok);
    expect((await crm('user', 'list', '--tenant', 'acme')).out).toContain('wang@acme.test');
    const updated = await crm('user', 'update', '--tenant', 'acme', '--email', 'wang@acme.test', '--roles', 'sales_director,executive', '--team', 'north', '--inactive');
    expect(updated.code).toBe(EXIT.ok);
    expect(updated.out).toContain('roles sales_director,executive, team north, inactive');
    expect((await crm('user', 'update', '--tenant', 'acme', '--email', 'wang@acme.test', '--password', 'short')).code).toBe(EXIT.refused);
    expect((await crm('user', 'list', '--tenant', 'nobody')).err).toContain('does not exist');
    const plugins = await crm('plugin', 'list', '--tenant', 'acme');
    expect(plugins.out).toMatch(/customers\t1\.0\.0\tinstalled 1\.0\.0/);
    expect(plugins.out).toMatch(/products\t\S+\tnot installed/);
  });

  it('manages service accounts and prints a new key once', async () => {
    const made = await crm('service-account', 'create', '--tenant', 'acme', '--name', 'ERP sync', '--roles', 'account_manager', '--writes', 'customer', '--expires', '2099-01-01T00:00:00Z');
    expect(made.code).toBe(EXIT.ok);
    expect(made.out).toContain('writes customer\texpires 2099-01-01T00:00:00.000Z');
    expect((await crm('service-account', 'create', '--tenant', 'acme', '--name', 'Bad', '--expires', 'yesterday')).code).toBe(EXIT.refused);
    const issued = await crm('service-account', 'key-issue', '--tenant', 'acme', '--account', 'erp sync');
    expect(issued.code).toBe(EXIT.ok);
    const key = issued.out.split('\n')[1];
    expect(key).toMatch(/^crmk_/);
    const keyId = /^key (\S+)/.exec(issued.out)![1];
    expect((await crm('service-account', 'update', '--tenant', 'acme', '--account', 'ERP sync', '--writes', 'none', '--expires', 'never', '--disable')).out).toContain('writes none\tno expiry\tdisabled');
    expect((await crm('service-account', 'list', '--tenant', 'acme')).out).toContain('ERP sync');
    expect((await crm('service-account', 'key-revoke', '--tenant', 'acme', '--account', 'ERP sync', '--key', keyId)).code).toBe(EXIT.ok);
    expect((await crm('service-account', 'key-revoke', '--tenant', 'acme', '--account', 'ERP sync', '--key', keyId)).code).not.toBe(EXIT.ok);
    expect((await crm('user', 'list', '--tenant', 'acme')).out).not.toContain('ERP sync');
  });

  it('reads and changes a tenant\'s settings, refusing a bad zone with the field named', async () => {
    expect(JSON.parse((await crm('settings', 'get', 'acme')).out)).toMatchObject({ timeZone: 'UTC', currency: 'USD', version: 0 });
    const set = await crm('settings', 'set', 'acme', 'timeZone=Asia/Shanghai', 'currency=CNY', 'locale=zh-CN', 'fiscalYearStart=4');
    expect(set.code).toBe(EXIT.ok);
    expect(set.out).toContain('version 1');
    const bad = await crm('settings', 'set', 'acme', 'timeZone=Mars/Base', 'fiscalYearStart=13');
    expect(bad.code).toBe(EXIT.refused);
    expect(bad.err).toMatch(/timeZone/);
    expect(JSON.parse((await crm('settings', 'get', 'acme')).out)).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN', fiscalYearStart: 4, version: 1 });
  });

  it('upgrades a plugin across all tenants, and a second run finds nothing left to do', async () => {
    expect((await crm('tenant', 'create', 'beta', '--admin', 'boss@beta.test', '--password', 'Beta-Admin-2026', '--plugins', 'customers')).code).toBe(EXIT.ok);
    const next = await useBundledPluginCopy(['customers', 'products'], (p) => ({ ...p, manifest: { ...p.manifest, version: p.manifest.name === 'customers' ? '1.1.0' : p.manifest.version } }));
    try {
      const first = await crm('plugin', 'upgrade', 'customers', '--all-tenants');
      expect(first.code).toBe(EXIT.ok);
      expect(first.out).toContain('2 of 2 tenant(s) to upgrade');
      expect(first.out).toContain('upgraded 2, failed 0');
      const again = await crm('plugin', 'upgrade', 'customers', '--all-tenants');
      expect(again.out).toContain('0 of 2 tenant(s) to upgrade');
      expect((await crm('plugin', 'list', '--tenant', 'beta')).out).toMatch(/customers\t1\.1\.0\tinstalled 1\.1\.0/);
    } finally {
      next.restore();
    }
  });

  it('prints the version of package.json', async () => {
    const out: string[] = [];
    expect(await runCli(['--version'], { err: () => undefined, out: (s) => out.push(s) })).toBe(EXIT.ok);
    expect(out.join('')).toBe(`${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
  });

  it('migrate climbs every tenant schema up the ladder, one line per tenant', async () => {
    await withDatabase((db) => db.knex('crm_system.tenants').where({ slug: 'acme' }).update({ schema_version: LATEST_TENANT_SCHEMA - 2 }));
    const top = LATEST_TENANT_SCHEMA;
    const pending = TENANT_SCHEMA_LADDER.slice(-2).map((s) => `${String(s.version).padStart(3, '0')}-${s.name}`).join(', ');
    const first = await crm('migrate');
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toContain(`tenant acme: schema v${top - 2} → v${top} (${pending})`);
    expect(first.out).toContain(`tenant beta: schema v${top}, up to date`);
    expect((await crm('migrate')).out).toContain(`tenant acme: schema v${top}, up to date`);
    expect((await crm('tenant', 'list')).out).toMatch(new RegExp(`acme\\t.*\\tschema v${top}`));
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await crm('frobnicate')).code).toBe(EXIT.usage);
    expect((await crm('tenant', 'create', 'x')).code).toBe(EXIT.usage);
  });
});
