import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { invalidInput } from '../errors.js';

/** The tenant's sending identity; unset parts fall back to the server's CRM_MAIL_FROM. */
export interface MailSettings {
  fromName: string | null;
  fromAddress: string | null;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** Whether a string is a plain e-mail address (local@domain.tld). */
export const isAddress = (v: unknown): v is string => typeof v === 'string' && v.length <= 254 && ADDRESS.test(v);

interface Row {
  from_name: string | null;
  from_address: string | null;
  signing_key: string;
}

/** The tenant's one settings row, made (with a fresh signing key) on first use. */
const settingsRow = async (db: Knex): Promise<Row> => {
  const row = await db('_mail_settings').first('from_name', 'from_address', 'signing_key');
  if (row) return row;
  await db.raw('insert into _mail_settings (id, signing_key) values (true, ?) on conflict (id) do nothing', [randomBytes(32).toString('base64url')]);
  return db('_mail_settings').first('from_name', 'from_address', 'signing_key');
};

export const readMailSettings = async (db: Knex): Promise<MailSettings> => {
  const row = await settingsRow(db);
  return { fromName: row.from_name, fromAddress: row.from_address };
};

/** The key that signs this tenant's unsubscribe links (never leaves the tenant's schema). */
export const signingKey = async (db: Knex): Promise<Uint8Array> => Buffer.from((await settingsRow(db)).signing_key, 'base64url');

/** Changes the sending identity (tenant admins; the route checks). Bad input is 400 naming the field, nothing changed. */
export const writeMailSettings = async (input: unknown, db: Knex): Promise<MailSettings> => {
  const body = (input ?? {}) as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  const fromName = body.fromName === undefined || body.fromName === null || body.fromName === '' ? null : body.fromName;
  const fromAddress = body.fromAddress === undefined || body.fromAddress === null || body.fromAddress === '' ? null : body.fromAddress;
  if (fromName !== null && (typeof fromName !== 'string' || fromName.length > 100 || /[\r\n<>"]/.test(fromName))) errors.push({ field: 'fromName', message: 'must be a name of at most 100 characters, without line breaks, <, > or "' });
  if (fromAddress !== null && !isAddress(fromAddress)) errors.push({ field: 'fromAddress', message: 'must be an e-mail address' });
  for (const key of Object.keys(body)) if (key !== 'fromName' && key !== 'fromAddress') errors.push({ field: key, message: 'is not a mail setting' });
  if (errors.length) throw invalidInput('The mail settings are not valid', errors);
  await settingsRow(db);
  await db('_mail_settings').update({ from_name: fromName, from_address: fromAddress, updated_at: db.fn.now() });
  return { fromName: fromName as string | null, fromAddress: fromAddress as string | null };
};

/** The From header: the tenant's identity, else the server's default address. */
export const fromHeader = (settings: MailSettings, serverFrom: string): { name?: string; address: string } | string =>
  settings.fromAddress ? { name: settings.fromName ?? undefined, address: settings.fromAddress } : settings.fromName ? { name: settings.fromName, address: serverFrom.replace(/^.*<([^>]+)>.*$/, '$1') } : serverFrom;
