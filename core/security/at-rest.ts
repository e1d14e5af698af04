import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { commaList, config } from '../config/index.js';
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

/** The key kept in the database, if one was ever made (never makes one). */
const keptKey = async (knex: Knex): Promise<Buffer | undefined> => {
  const row = await knex('crm_system.settings').where({ key: SETTING }).first('value');
  return row ? Buffer.from(String(row.value), 'base64url') : undefined;
};

/** A key as configured: 64 hex digits, or 32 bytes in base64 / base64url. */
const parseKey = (raw: string): Buffer =>
  /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw.replace(/=$/, ''), raw.includes('+') || raw.includes('/') ? 'base64' : 'base64url');

const withId = (key: Buffer): AtRestKey => ({ key, id: createHash('sha256').update(key).digest('base64url').slice(0, 8) });

const configuredKey = (): Buffer | undefined => {
  const raw = config().CRM_SECRETS_KEY;
  return raw ? parseKey(raw) : undefined;
};

/** The keys before the current one (CRM_SECRETS_OLD_KEYS): they still open what they sealed until `crm secrets rekey`. */
const formerKeys = (): AtRestKey[] => commaList(config().CRM_SECRETS_OLD_KEYS).map((raw) => withId(parseKey(raw)));

/** The install's key for secrets at rest: CRM_SECRETS_KEY, else the one kept in the database. */
const atRestKey = async (knex: Knex): Promise<AtRestKey> => withId(configuredKey() ?? (await storedKey(knex)));

/** The current key and every key that may still open a value: the former ones, and the one kept in the database. */
const openingKeys = async (knex: Knex): Promise<AtRestKey[]> => {
  const current = await atRestKey(knex);
  const kept = configuredKey() ? await keptKey(knex) : undefined;
  return [current, ...formerKeys(), ...(kept ? [withId(kept)] : [])];
};

/** The id of the key sealing new values (what `keyIdOf` answers for a value sealed now). */
export const currentKeyId = async (knex: Knex): Promise<string> => (await atRestKey(knex)).id;

/** The id of the key a stored value was sealed with (null: stored in the clear). */
export const keyIdOf = (value: string): string | null => (isSealed(value) ? value.slice(PREFIX.length).split(':')[0] : null);

/**
 * Why this process must not serve in production (NODE_ENV=production) with its key, or
 * undefined: no CRM_SECRETS_KEY (the engine would fall back to a key kept in the database,
 * next to what it protects), or CRM_SECRETS_KEY being that development key itself. With
 * `knex` the second is checked too.
 */
export const productionKeyProblem = async (knex?: Knex): Promise<string | undefined> => {
  if (config().NODE_ENV !== 'production') return undefined;
  const key = configuredKey();
  if (!key) {
    return 'CRM_SECRETS_KEY is not set, and NODE_ENV=production: the script and two-factor secrets would be sealed with the development key kept in the database. Set CRM_SECRETS_KEY to 32 random bytes (openssl rand -base64 32); values sealed with the database key are re-sealed by `crm secrets rekey`.';
  }
  const kept = knex ? await keptKey(knex) : undefined;
  if (kept && kept.equals(key)) {
    return 'CRM_SECRETS_KEY is the development key kept in the database, and NODE_ENV=production: it protects nothing if the database leaks. Set a new key (openssl rand -base64 32), put this one in CRM_SECRETS_OLD_KEYS and run `crm secrets rekey`.';
  }
  return undefined;
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
 * a value is opened with the key its id names: the current one, a former one
 * (CRM_SECRETS_OLD_KEYS) or the one kept in the database. One sealed with a key this server
 * does not have (or tampered with) is 500 SECRETS_KEY_MISMATCH, never a wrong value.
 */
export const unseal = async (knex: Knex, value: string): Promise<string> => {
  if (!isSealed(value)) return value;
  const [id, iv, tag, body] = value.slice(PREFIX.length).split(':');
  const k = (await openingKeys(knex)).find((c) => c.id === id);
  if (!k || !iv || !tag || body === undefined) throw problem('SECRETS_KEY_MISMATCH');
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw problem('SECRETS_KEY_MISMATCH');
  }
};
