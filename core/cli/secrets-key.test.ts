import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../db/test-database.js';
import { putSecret, readSecrets } from '../security/index.js';
import { createTenant } from '../tenants/tenant-store.js';
import { withDatabase } from './open-db.js';
import { EXIT } from './run-cli.js';
import { runCrm } from './test-support/run-crm.js';

const crm = runCrm;

const NAMES = ['DATABASE_URL', 'CRM_DATA_DIR', 'CRM_SECRETS_KEY', 'CRM_SECRETS_OLD_KEYS', 'NODE_ENV'] as const;
const setEnv = (values: Partial<Record<(typeof NAMES)[number], string | undefined>>) => {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
};
const newKey = () => randomBytes(32).toString('hex');

/** The key that seals the tenants' secrets at rest: rotation with `crm secrets rekey`, and no start in production without a real key. */
describe('secrets key', () => {
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  let cleanup: () => Promise<void>;
  let tenantId: string;

  beforeAll(async () => {
    setEnv({ CRM_SECRETS_KEY: undefined, CRM_SECRETS_OLD_KEYS: undefined });
    if (process.env.TEST_DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
      setEnv({ DATABASE_URL: scratch.url });
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'crm-keys-'));
      setEnv({ DATABASE_URL: undefined, CRM_DATA_DIR: dir });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    // Without CRM_SECRETS_KEY (a development install): sealed with the key kept in the database.
    tenantId = await withDatabase(async (db) => {
      const t = await createTenant(db.knex, { slug: 'keys' });
      await putSecret(db.knex, { tenantId: t.id, name: 'API_TOKEN', value: 'tok-1' });
      return t.id;
    });
  }, 600_000);
  afterAll(async () => {
    setEnv(saved);
    await cleanup?.();
  });

  const read = (...names: string[]) => withDatabase((db) => readSecrets(db.knex, tenantId, names));
  const keptKey = () => withDatabase(async (db) => String((await db.knex('crm_system.settings').where({ key: 'secrets_at_rest_key' }).first('value')).value));

  it('refuses to serve in production without a key, or with the development key kept in the database', async () => {
    setEnv({ NODE_ENV: 'production' });
    try {
      const keyless = await crm('serve', '--port', '0', '--host', '127.0.0.1');
      expect(keyless.code).toBe(EXIT.refused);
      expect(keyless.err).toContain('CRM_SECRETS_KEY is not set, and NODE_ENV=production');
      expect((await crm('worker')).code).toBe(EXIT.refused);
      setEnv({ CRM_SECRETS_KEY: Buffer.from(await keptKey(), 'base64url').toString('hex') });
      const devKey = await crm('serve', '--port', '0', '--host', '127.0.0.1');
      expect(devKey.code).toBe(EXIT.refused);
      expect(devKey.err).toContain('CRM_SECRETS_KEY is the development key kept in the database');
    } finally {
      setEnv({ NODE_ENV: saved.NODE_ENV, CRM_SECRETS_KEY: undefined });
    }
  }, 600_000);

  it('rotates: a former key still opens what it sealed until `crm secrets rekey` seals it again with the new one', async () => {
    const [a, b] = [newKey(), newKey()];
    // From the database's key to a configured one: the kept key still opens, rekey moves every value.
    setEnv({ CRM_SECRETS_KEY: a });
    expect(await read('API_TOKEN')).toEqual({ API_TOKEN: 'tok-1' });
    const before = await crm('secrets', 'status');
    expect(before.out).toMatch(/script secret: 1 sealed with (?!.*current)/);
    const moved = await crm('secrets', 'rekey');
    expect(moved).toMatchObject({ code: EXIT.ok });
    expect(moved.out).toContain(': 1 script secret(s)');
    expect((await crm('secrets', 'status')).out).toMatch(/script secret: 1 sealed with \S+ \(current\)/);

    // A new key: without the old one nothing opens (never a wrong value); with it in CRM_SECRETS_OLD_KEYS, all do.
    setEnv({ CRM_SECRETS_KEY: b });
    await expect(read('API_TOKEN')).rejects.toMatchObject({ code: 'SECRETS_KEY_MISMATCH' });
    setEnv({ CRM_SECRETS_OLD_KEYS: a });
    expect(await read('API_TOKEN')).toEqual({ API_TOKEN: 'tok-1' });
    await withDatabase((db) => putSecret(db.knex, { tenantId, name: 'SMS_KEY', value: 'sms-2' }));
    const rekeyed = await crm('secrets', 'rekey');
    expect(rekeyed.code).toBe(EXIT.ok);
    expect(rekeyed.out).toContain(': 1 script secret(s)');
    expect((await crm('secrets', 'rekey')).out).toContain(': none');

    setEnv({ CRM_SECRETS_OLD_KEYS: undefined });
    expect(await read('API_TOKEN', 'SMS_KEY')).toEqual({ API_TOKEN: 'tok-1', SMS_KEY: 'sms-2' });
    expect((await crm('secrets', 'status')).out).toMatch(/script secret: 2 sealed with \S+ \(current\)/);

    // A key this server does not have: the values stay, and the command says so.
    setEnv({ CRM_SECRETS_KEY: newKey() });
    const lost = await crm('secrets', 'rekey');
    expect(lost.code).toBe(EXIT.refused);
    expect(lost.err).toContain('2 script secret(s) could not be opened');
    setEnv({ CRM_SECRETS_KEY: b });
    expect(await read('SMS_KEY')).toEqual({ SMS_KEY: 'sms-2' });
  }, 600_000);
});
