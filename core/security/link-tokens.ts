import type { Knex } from 'knex';
import { digest, newSecret } from './secrets.js';

/**
 * Single-use, expiring links (portal invitations and resets, staff password resets): the
 * token is a long random secret given only to the recipient; the table keeps its digest,
 * the person it is for, when it expires and when it was used.
 */
export interface LinkTokenTable {
  /** crm_system.<table> */
  table: string;
  /** The column naming the person. */
  person: string;
}

/** A new link token for a person, stored as a digest (`extra`: more columns, e.g. the purpose). */
export const issueLinkToken = async (
  knex: Knex,
  where: LinkTokenTable,
  input: { personId: string; prefix: string; lifetimeMs: number; extra?: Record<string, unknown> },
): Promise<{ token: string; expiresAt: string }> => {
  const token = newSecret(input.prefix);
  const expiresAt = new Date(Date.now() + input.lifetimeMs);
  await knex(where.table).insert({ token_hash: digest(token), [where.person]: input.personId, expires_at: expiresAt, ...input.extra });
  return { token, expiresAt: expiresAt.toISOString() };
};

/** The live (unused, unexpired) token row as a query to narrow and lock: `k` is the token table. */
export const liveLinkToken = (trx: Knex.Transaction, where: LinkTokenTable, token: string): Knex.QueryBuilder =>
  trx(`${where.table} as k`).where({ 'k.token_hash': digest(String(token)) }).whereNull('k.used_at').andWhere('k.expires_at', '>', trx.fn.now()).forUpdate();

/** Uses the token up. */
export const useLinkToken = async (trx: Knex.Transaction, where: LinkTokenTable, token: string): Promise<void> => {
  await trx(where.table).where({ token_hash: digest(String(token)) }).update({ used_at: trx.fn.now() });
};
