import type { Knex } from 'knex';
import { currentKeyId, seal, unseal } from './at-rest.js';

/** Every column holding a value sealed with the install's key, by its table's key column. */
const SEALED_COLUMNS = [
  { table: 'crm_system.tenant_secrets', key: ['tenant_id', 'name'], column: 'sealed', what: 'script secret' },
  { table: 'crm_system.users', key: ['id'], column: 'totp_secret', what: 'two-factor secret' },
  { table: 'crm_system.users', key: ['id'], column: 'totp_pending', what: 'two-factor enrolment' },
] as const;

/** How many stored values each key seals (`clear`: stored before sealing existed), per kind of value. */
export interface SealedValueCount {
  what: string;
  keyId: string;
  count: number;
}

export interface KeyStatus {
  /** The id of the key that seals new values (CRM_SECRETS_KEY, else the one kept in the database). */
  currentKeyId: string;
  values: SealedValueCount[];
}

/** Which keys the stored values are sealed with: once every value shows the current key id, the former keys can go. */
export const secretsKeyStatus = async (knex: Knex): Promise<KeyStatus> => {
  const values: SealedValueCount[] = [];
  for (const c of SEALED_COLUMNS) {
    const { rows } = (await knex.raw(
      `select case when ?? like 'enc1:%' then split_part(??, ':', 2) else 'clear' end as key_id, count(*)::int as n
       from ${c.table} where ?? is not null group by 1 order by 1`,
      [c.column, c.column, c.column],
    )) as { rows: { key_id: string; n: number }[] };
    for (const r of rows) values.push({ what: c.what, keyId: r.key_id, count: Number(r.n) });
  }
  return { currentKeyId: await currentKeyId(knex), values };
};

export interface RekeyResult {
  currentKeyId: string;
  /** Values sealed again with the current key, per kind. */
  resealed: Record<string, number>;
  /** Values no key of this server opens (left as they are), per kind: enter them again, or give the key that sealed them. */
  unreadable: Record<string, number>;
}

/**
 * Seals every stored value again with the current key (CRM_SECRETS_KEY) that another key
 * sealed (a former key in CRM_SECRETS_OLD_KEYS, or the one kept in the database) or that is
 * still in the clear. Each value is replaced only while it is still the one read, so a
 * secret set meanwhile is never overwritten; running it twice does nothing the second time.
 * A value no key opens is counted and left.
 */
export const rekeySecrets = async (knex: Knex): Promise<RekeyResult> => {
  const id = await currentKeyId(knex);
  const out: RekeyResult = { currentKeyId: id, resealed: {}, unreadable: {} };
  for (const c of SEALED_COLUMNS) {
    const rows: Record<string, string>[] = await knex(c.table)
      .whereNotNull(c.column)
      .whereNot(c.column, 'like', `enc1:${id}:%`)
      .select(...c.key, c.column);
    for (const row of rows) {
      const old = row[c.column];
      let plain: string;
      try {
        plain = await unseal(knex, old);
      } catch {
        out.unreadable[c.what] = (out.unreadable[c.what] ?? 0) + 1;
        continue;
      }
      const where = Object.fromEntries(c.key.map((k) => [k, row[k]]));
      const done = await knex(c.table).where(where).where(c.column, old).update({ [c.column]: await seal(knex, plain) });
      if (done) out.resealed[c.what] = (out.resealed[c.what] ?? 0) + done;
    }
  }
  return out;
};
