import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { config } from '../config/index.js';
import { problem } from '../errors.js';

/** A sealed value: `enc1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), AES-256-GCM. */
const PREFIX = 'enc1:';
const SETTING = 'secrets_at_rest_key';

interface AtRestKey {
  key: Buffer;
  /** The first bytes of the key's SHA-256: tells a value sealed with another key. */
  id: string;
}

const stored = new WeakMap<Knex, Promise<Buffer>>();

/** The key made on first use and kept in crm_system.settings (when CRM_SECRETS_KEY is unset), per database handle. */
const storedKey = (knex: Knex): Promise<Buffer> => {
  const hit = stored.get(knex);
  if (hit) return hit;
  const made = (async () => {
    await knex('crm_system.settings').insert({ key: SETTING, value: JSON.stringify(randomBytes(32).toString('base64url')) }).onConflict('key').ignore();
    const row = await knex('crm_system.settings').where({ key: SETTING }).first('value');
    return Buffer.from(String(row.value), 'base64url');
  })();
  stored.set(knex, made);
  made.catch(() => stored.delete(knex));
  return made;
};

const configuredKey = (): Buffer | undefined => {
  const raw = config().CRM_SECRETS_KEY;
  if (!raw) return undefined;
  return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw.replace(/=$/, ''), raw.includes('+') || raw.includes('/') ? 'base64' : 'base64url');
};

/** The install's key for secrets at rest: CRM_SECRETS_KEY, else the one kept in the database. */
const atRestKey = async (knex: Knex): Promise<AtRestKey> => {
  const key = configuredKey() ?? (await storedKey(knex));
  return { key, id: createHash('sha256').update(key).digest('base64url').slice(0, 8) };
};

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** Encrypts a secret for storing (AES-256-GCM, a fresh 96-bit IV each time). */
export const seal = async (knex: Knex, plain: string): Promise<string> => {
  const { key, id } = await atRestKey(knex);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`;
};

/**
 * A stored secret in the clear. A value stored before sealing existed is returned as it is;
 * one sealed with another key (CRM_SECRETS_KEY changed, or a tenant from another install)
 * or tampered with is 500 SECRETS_KEY_MISMATCH, never a wrong value.
 */
export const unseal = async (knex: Knex, value: string): Promise<string> => {
  if (!isSealed(value)) return value;
  const [id, iv, tag, body] = value.slice(PREFIX.length).split(':');
  const k = await atRestKey(knex);
  if (id !== k.id || !iv || !tag || body === undefined) throw problem('SECRETS_KEY_MISMATCH');
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw problem('SECRETS_KEY_MISMATCH');
  }
};
