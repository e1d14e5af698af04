import type { Knex } from 'knex';

/** How long a key's answer is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never finished (its process died) may be taken over after this long. */
export const ABANDONED_CLAIM_MS = 5 * 60 * 1000;

const TABLE = '_idempotency_keys';

/** A finished request's answer, as it is replayed. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What claiming a key found: it is ours to run, or an earlier request holds it (finished or not). */
export type Claim =
  | { kind: 'claimed' }
  | { kind: 'other-request' }
  | { kind: 'in-progress' }
  | { kind: 'done'; answer: StoredAnswer };

export interface KeyRef {
  userId: string;
  key: string;
}

interface KeyRow {
  request_hash: string;
  status: number | null;
  body: unknown;
  headers: Record<string, string> | string;
}

const asAnswer = (row: KeyRow): StoredAnswer => ({
  status: row.status!,
  body: row.body,
  headers: typeof row.headers === 'string' ? (JSON.parse(row.headers) as Record<string, string>) : row.headers,
});

/**
 * Claims (user, key) for a request whose hash is `requestHash`, in the caller's tenant
 * transaction. A new key, an expired one or an abandoned claim becomes ours; otherwise the
 * row says whether the earlier request was another one (a different hash), is still running,
 * or finished (its answer). Concurrent claims of one key: the unique key makes the second
 * wait for the first's commit and then see its row.
 */
export const claimKey = async (db: Knex.Transaction, ref: KeyRef, requestHash: string, now: Date = new Date()): Promise<Claim> => {
  const expires = new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString();
  const abandoned = new Date(now.getTime() - ABANDONED_CLAIM_MS).toISOString();
  const { rows } = await db.raw(
    `insert into ${TABLE} (user_id, key, request_hash, created_at, expires_at) values (?, ?, ?, ?, ?)
     on conflict (user_id, key) do update
       set request_hash = excluded.request_hash, status = null, body = null, headers = '{}'::jsonb, created_at = excluded.created_at, expires_at = excluded.expires_at
       where ${TABLE}.expires_at <= ? or (${TABLE}.status is null and ${TABLE}.created_at < ?)
     returning 1 as claimed`,
    [ref.userId, ref.key, requestHash, now.toISOString(), expires, now.toISOString(), abandoned],
  );
  if (rows.length) return { kind: 'claimed' };
  return readKey(db, ref, requestHash);
};

/** The state of a key someone else claimed, as `claimKey` answers it. */
export const readKey = async (db: Knex.Transaction, ref: KeyRef, requestHash: string): Promise<Claim> => {
  const row = (await db(TABLE).where({ user_id: ref.userId, key: ref.key }).first('request_hash', 'status', 'body', 'headers')) as KeyRow | undefined;
  if (!row) return { kind: 'in-progress' };
  if (row.request_hash !== requestHash) return { kind: 'other-request' };
  if (row.status === null) return { kind: 'in-progress' };
  return { kind: 'done', answer: asAnswer(row) };
};

/** Stores the answer of the request that holds the claim. */
export const finishKey = async (db: Knex.Transaction, ref: KeyRef, requestHash: string, answer: StoredAnswer): Promise<void> => {
  await db(TABLE)
    .where({ user_id: ref.userId, key: ref.key, request_hash: requestHash })
    .whereNull('status')
    .update({ status: answer.status, body: JSON.stringify(answer.body ?? null), headers: JSON.stringify(answer.headers) });
};

/** Gives the claim up (the request failed in a way a retry may not repeat): the next request with the key runs afresh. */
export const releaseKey = async (db: Knex.Transaction, ref: KeyRef, requestHash: string): Promise<void> => {
  await db(TABLE).where({ user_id: ref.userId, key: ref.key, request_hash: requestHash }).whereNull('status').delete();
};

/** Deletes the keys past their 24 hours, in one tenant; answers how many went. */
export const sweepIdempotencyKeys = async (db: Knex.Transaction, now: Date = new Date()): Promise<number> => {
  const { rows } = await db.raw(`with gone as (delete from ${TABLE} where expires_at <= ? returning 1) select count(*)::int as n from gone`, [now.toISOString()]);
  return rows[0].n as number;
};
