/**
 * Rows that either belong to one party (a field naming it) or are shared by everyone (that
 * field empty), grouped by another field: per group, the party's own rows where it has any,
 * else the shared ones; never both, never another party's. Without a party, only the
 * shared rows. The rows are read with `ownOrSharedFilter` (no other party's rows needed).
 */
export const ownOrShared = <T extends object>(rows: readonly T[], opts: { group: keyof T & string; owner: keyof T & string }, party: string | null): T[] => {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  const isOwn = (r: T) => party !== null && !empty(r[opts.owner]) && String(r[opts.owner]) === party;
  const own = new Set(rows.filter(isOwn).map((r) => String(r[opts.group])));
  return rows.filter((r) => (empty(r[opts.owner]) ? !own.has(String(r[opts.group])) : isOwn(r)));
};

/** The json-logic filter that reads what `ownOrShared` chooses from: the shared rows and the party's own. */
export const ownOrSharedFilter = (owner: string, party: string | null): Record<string, unknown> =>
  party === null ? { '==': [{ var: owner }, null] } : { or: [{ '==': [{ var: owner }, null] }, { '==': [{ var: owner }, party] }] };
