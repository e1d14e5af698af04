import type { Knex } from 'knex';

const norm = (address: string): string => address.trim().toLowerCase();

/** Records that an address wants no more bulk mail (once; a repeat changes nothing): whether it is new. */
export const recordOptOut = async (db: Knex, address: string, source: string): Promise<boolean> => {
  const rows = await db('_mail_opt_outs').insert({ address: norm(address), source }).onConflict('address').ignore().returning('address');
  return rows.length > 0;
};

/** Which of these addresses opted out (lower-cased). */
export const optedOut = async (db: Knex, addresses: string[]): Promise<Set<string>> => {
  const wanted = [...new Set(addresses.map(norm))];
  if (!wanted.length) return new Set();
  const rows: { address: string }[] = await db('_mail_opt_outs').whereIn('address', wanted).select('address');
  return new Set(rows.map((r) => r.address));
};

export const isOptedOut = (set: Set<string>, address: string): boolean => set.has(norm(address));
