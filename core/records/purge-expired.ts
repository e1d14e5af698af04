import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { EffectiveMeta } from '../metadata/types.js';
import { listTenants } from '../tenants/tenant-store.js';
import { DEFAULT_RECYCLE_BIN_DAYS, readTenantSettings } from '../tenants/tenant-settings.js';

export interface PurgeLimits {
  /** Records purged per transaction; default 200. */
  batchSize?: number;
  /** Batches per entity in one run at most (the rest waits for the next run); default 50. */
  maxBatches?: number;
}

/** Where one entity's scan stands: past this (deleted_at, id). */
type Mark = { at: string; id: string } | null;

const FOREIGN_KEY_VIOLATION = '23503';

const dueIds = async (trx: Knex.Transaction, table: string, cutoff: Date, after: Mark, limit: number): Promise<{ id: string; at: string }[]> => {
  const rows = await trx(table)
    .whereNotNull('deleted_at')
    .where('deleted_at', '<=', cutoff)
    .modify((q) => {
      if (after) q.whereRaw('(deleted_at, id) > (?::timestamptz, ?::uuid)', [after.at, after.id]);
    })
    .orderBy([{ column: 'deleted_at' }, { column: 'id' }])
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .select('id', trx.raw('deleted_at::text as at'));
  return rows as { id: string; at: string }[];
};

/**
 * Destroys the records, their shares and the files stored for them (rows and bytes),
 * leaving `action:purge` in their history (no actor: the schedule). Answers how many files went.
 */
const destroy = async (trx: Knex.Transaction, entity: string, ids: string[]): Promise<number> => {
  await trx('_shares').where({ entity }).whereIn('record_id', ids).delete();
  await trx(entity).whereIn('id', ids).delete();
  const files = (await trx('_files').where({ entity }).whereIn('record_id', ids).delete().returning('id')).length;
  await trx('_history').insert(ids.map((id) => ({ entity, record_id: id, action: 'action:purge', actor_id: null, changes: '{}' })));
  return files;
};

const isReferenced = (e: unknown): boolean => (e as { code?: string }).code === FOREIGN_KEY_VIOLATION;

/**
 * One batch of an entity: the records in the bin since before `cutoff`, after `after`, in
 * one tenant transaction. A record another row still references stays (each is tried on
 * its own when the batch as a whole is refused). Answers how many went, and where the scan
 * stands (null: nothing more is due).
 */
const purgeBatch = async (trx: Knex.Transaction, entity: string, cutoff: Date, after: Mark, limit: number): Promise<{ purged: number; kept: number; files: number; mark: Mark }> => {
  const due = await dueIds(trx, entity, cutoff, after, limit);
  if (!due.length) return { purged: 0, kept: 0, files: 0, mark: null };
  const mark = due.length < limit ? null : due[due.length - 1];
  try {
    const files = await trx.transaction((sp) => destroy(sp, entity, due.map((d) => d.id)));
    return { purged: due.length, kept: 0, files, mark };
  } catch (e) {
    if (!isReferenced(e)) throw e;
  }
  let purged = 0;
  let files = 0;
  for (const d of due) {
    try {
      files += await trx.transaction((sp) => destroy(sp, entity, [d.id]));
      purged++;
    } catch (e) {
      if (!isReferenced(e)) throw e;
    }
  }
  return { purged, kept: due.length - purged, files, mark };
};

/** The tenant's entities that have a table with a recycle bin (published ones). */
const binTables = async (knex: Knex, tenant: Tenant, meta: EffectiveMeta): Promise<string[]> => {
  const names = Object.keys(meta.entities);
  if (!names.length) return [];
  const rows = await knex('information_schema.columns').where({ table_schema: tenant.schema, column_name: 'deleted_at' }).whereIn('table_name', names).pluck('table_name');
  return names.filter((n) => rows.includes(n)).sort();
};

export interface TenantPurge {
  /** The tenant's retention window in days. */
  days: number;
  /** Records purged per entity (entities with none left out). */
  purged: Record<string, number>;
  /** Records due but kept because others still reference them, per entity. */
  kept: Record<string, number>;
}

/**
 * The scheduled purge of one tenant's recycle bin: every record deleted longer ago than the
 * tenant's window (settings `recycleBinDays`, default 30 days) as of `now` is destroyed with
 * its shares and stored files, a batch per tenant transaction, its history ending with
 * `action:purge`. Each entity with purged records gets one `recycle_bin.purge` entry in the
 * audit log (count, files, window; no actor: the schedule).
 */
export const purgeExpiredRecords = async (knex: Knex, tenant: Tenant, meta: EffectiveMeta, now: Date = new Date(), limits: PurgeLimits = {}): Promise<TenantPurge> => {
  const days = (await readTenantSettings(knex, tenant)).recycleBinDays ?? DEFAULT_RECYCLE_BIN_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const size = limits.batchSize ?? 200;
  const out: TenantPurge = { days, purged: {}, kept: {} };
  for (const entity of await binTables(knex, tenant, meta)) {
    let mark: Mark = null;
    let purged = 0;
    let kept = 0;
    let files = 0;
    for (let batch = 0; batch < (limits.maxBatches ?? 50); batch++) {
      const step = await withTenant(knex, tenant, (trx) => purgeBatch(trx, entity, cutoff, mark, size));
      purged += step.purged;
      kept += step.kept;
      files += step.files;
      mark = step.mark;
      if (!mark) break;
    }
    if (kept) out.kept[entity] = kept;
    if (!purged) continue;
    out.purged[entity] = purged;
    await knex('crm_system.audit_log').insert({
      tenant_id: tenant.id,
      actor_id: null,
      action: 'recycle_bin.purge',
      target: `entity:${entity}`,
      details: JSON.stringify({ entity, count: purged, files, retentionDays: days, scheduled: true }),
    });
  }
  return out;
};

/**
 * The scheduled purge over every active tenant (a failing tenant does not stop the
 * others); the workflow worker runs it with the hourly maintenance (MAINTENANCE_QUEUE).
 * Answers how many records went in all.
 */
export const purgeAllRecycleBins = async (
  knex: Knex,
  metaOf: (tenant: Tenant) => Promise<EffectiveMeta>,
  now: Date = new Date(),
  onError: (e: unknown) => void = () => undefined,
  limits: PurgeLimits = {},
): Promise<number> => {
  let total = 0;
  for (const tenant of await listTenants(knex, { active: true })) {
    try {
      const { purged } = await purgeExpiredRecords(knex, tenant, await metaOf(tenant), now, limits);
      total += Object.values(purged).reduce((a, b) => a + b, 0);
    } catch (e) {
      onError(e);
    }
  }
  return total;
};
