import { problem } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import { deleteRecord, restoreRecord } from './delete-record.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing, readForChange, readRecord } from './get-record.js';
import { inSavepoint } from './in-savepoint.js';
import { linkAttachments } from './link-attachments.js';
import { recycleBinDays } from './purge-record.js';
import { updateRecord } from './update-record.js';
import { checkVersion } from './version-check.js';
import { toColumns } from './column-values.js';
import { writeHistory } from './write-history.js';
import { repointReferences, type ReferenceField } from './repoint-references.js';
import type { RecordContext, RecordData } from './types.js';

/** The records of one reference field that a merge moved from the merged-away record to the survivor. */
export interface Repointed {
  entity: string;
  field: string;
  ids: string[];
}

/** What a merge changed, kept in the merged-away record's history (`action:merged`) so the merge can be undone. */
export interface MergeLog {
  survivor: string;
  repointed: Repointed[];
  /** Shares (ids) and linked e-mails (message ids) moved to the survivor. */
  shares: string[];
  mail: string[];
  /** field → [survivor's value before, value chosen] for the fields the merge changed. */
  values: Record<string, [unknown, unknown]>;
  /** Unique values the survivor took from the other record, which gave them up (restored on undo). */
  released?: RecordData;
}

export interface MergeInput {
  /** The record merged into this one; it goes to the recycle bin. */
  otherId: string;
  /** Surviving values per field, chosen from either record. */
  values?: RecordData;
  /** The versions the person saw (409 VERSION_CONFLICT when either changed since). */
  version?: number;
  otherVersion?: number;
}

export interface MergeResult {
  record: RecordData;
  repointed: { entity: string; field: string; count: number }[];
}

/** History key holding the merge log; keys starting with `_` are never shown to readers (they are not fields). */
export const MERGE_LOG_KEY = '_merge';

/** Every reference field, of any entity (plugins' too), that points at `entity`. */
const referencesTo = (entity: string, ctx: RecordContext): ReferenceField[] =>
  Object.values(ctx.meta.entities).flatMap((doc) =>
    Object.entries(doc.fields ?? {})
      .filter(([, f]) => f.type === 'reference' && (f as { entity?: string }).entity === entity)
      .map(([field]) => ({ entity: doc.name, field })),
  );

const moveShares = async (entity: string, from: string, to: string, ctx: RecordContext, only?: string[]): Promise<string[]> => {
  const { rows } = await ctx.db.raw(
    `update _shares s set record_id = ? where s.entity = ? and s.record_id = ?${only ? ' and s.id = any(?::uuid[])' : ''}
       and not exists (select 1 from _shares t where t.entity = s.entity and t.record_id = ?
         and t.user_id is not distinct from s.user_id and t.team_id is not distinct from s.team_id)
     returning s.id`,
    [to, entity, from, ...(only ? [only] : []), to] as never[],
  );
  return (rows as { id: string }[]).map((r) => String(r.id));
};

const moveMail = async (entity: string, from: string, to: string, ctx: RecordContext, only?: string[]): Promise<string[]> => {
  const { rows } = await ctx.db.raw(
    `update _mail_links l set record_id = ? where l.entity = ? and l.record_id = ?${only ? ' and l.message = any(?::uuid[])' : ''}
       and not exists (select 1 from _mail_links t where t.message = l.message and t.entity = l.entity and t.record_id = ?)
     returning l.message`,
    [to, entity, from, ...(only ? [only] : []), to] as never[],
  );
  return (rows as { message: string }[]).map((r) => String(r.message));
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The chosen values that differ from the survivor's (system fields and unknown names left out). */
const changedValues = (doc: EntityDocument, survivor: RecordData, values: RecordData | undefined): RecordData =>
  Object.fromEntries(Object.entries(values ?? {}).filter(([k, v]) => (k in (doc.fields ?? {}) || k === 'owner_id') && !same(survivor[k], v)));

/**
 * Merges record `otherId` into record `id` of `entity`: the chosen values are written to
 * `id` (an ordinary update, validated and in its history), every record of any entity
 * whose reference field points at `otherId` (recycle bin included), its shares and its
 * linked e-mails are moved to `id`, and `otherId` goes to the recycle bin, keeping its own
 * history, which records what moved (undone by `undoMerge`). Needs edit on both records and
 * delete on the other; the versions seen, when given, must be current (409).
 */
export async function mergeRecords(entity: string, id: string, input: MergeInput, ctx: RecordContext): Promise<MergeResult> {
  const doc = entityOf(entity, ctx);
  if (!isUuid(id)) throw missing(entity, id);
  if (!isUuid(input.otherId)) throw missing(entity, String(input.otherId));
  if (id === input.otherId) throw problem('MERGE_SAME_RECORD');
  return inSavepoint(ctx, async (c) => {
    const survivor = await readForChange(doc, id, 'update', c);
    checkVersion(entity, survivor, input.version);
    const other = await readForChange(doc, input.otherId, 'update', c);
    checkVersion(entity, other, input.otherVersion);
    await readForChange(doc, input.otherId, 'delete', c);
    const repointed: Repointed[] = [];
    for (const ref of referencesTo(doc.name, c)) {
      const ids = await repointReferences(ref, input.otherId, id, c);
      if (ids.length) repointed.push({ ...ref, ids });
    }
    const shares = await moveShares(doc.name, input.otherId, id, c);
    const mail = await moveMail(doc.name, input.otherId, id, c);
    // A unique value passing to the survivor leaves the other record first (it comes back on undo).
    const patch = changedValues(doc, survivor, input.values);
    const released = Object.fromEntries(Object.keys(patch).filter((k) => (doc.fields?.[k] as { unique?: boolean } | undefined)?.unique && other[k] != null).map((k) => [k, other[k]]));
    if (Object.keys(released).length) await c.db(doc.name).where({ id: input.otherId }).update(Object.fromEntries(Object.keys(released).map((k) => [k, null])));
    await deleteRecord(entity, input.otherId, c);
    const record = Object.keys(patch).length ? await updateRecord(entity, id, patch, c) : (await readRecord(doc, id, c, { scope: 'read', guarded: true }))!;
    const values = Object.fromEntries(Object.keys(patch).map((k) => [k, [survivor[k] ?? null, record[k] ?? patch[k]] as [unknown, unknown]]));
    const log: MergeLog = { survivor: id, repointed, shares, mail, values, released };
    await writeHistory(entity, input.otherId, 'action:merged', { _merged_into: [null, id], [MERGE_LOG_KEY]: [null, log] }, c);
    await writeHistory(entity, id, 'action:merge', { _merged_from: [null, input.otherId] }, c);
    return { record, repointed: repointed.map((r) => ({ entity: r.entity, field: r.field, count: r.ids.length })) };
  });
}

/** The last merge of `otherId` not undone since, with when it happened. */
const lastMerge = async (entity: string, otherId: string, ctx: RecordContext): Promise<{ log: MergeLog; historyId: number } | undefined> => {
  const row = await ctx.db('_history')
    .where({ entity, record_id: otherId })
    .whereIn('action', ['action:merged', 'action:unmerged'])
    .orderBy('id', 'desc')
    .first('id', 'action', 'changes');
  if (!row || row.action !== 'action:merged') return undefined;
  const log = (row.changes as Record<string, [unknown, MergeLog]>)[MERGE_LOG_KEY]?.[1];
  return log ? { log, historyId: Number(row.id) } : undefined;
};

/**
 * Undoes the merge that put record `otherId` in the recycle bin, while it is still within
 * the recycle-bin window: the record comes back, the references, shares and e-mails the
 * merge moved (and still on the survivor) point at it again, and the survivor's fields the
 * merge changed (and nobody changed since) get their old values. Needs edit on the
 * survivor and delete (restore) on the other record.
 */
export async function undoMerge(entity: string, otherId: string, ctx: RecordContext): Promise<{ record: RecordData; survivor: RecordData }> {
  const doc = entityOf(entity, ctx);
  if (!isUuid(otherId)) throw missing(entity, otherId);
  return inSavepoint(ctx, async (c) => {
    const other = await readForChange(doc, otherId, 'delete', c, { includeDeleted: true });
    const merge = await lastMerge(doc.name, otherId, c);
    if (!merge || !other.deleted_at) throw problem('MERGE_NOT_FOUND');
    const days = await recycleBinDays(c);
    const { rows } = await c.db.raw('select ?::timestamptz > now() - make_interval(days => ?) as open', [other.deleted_at as never, days]);
    if (!rows[0]?.open) throw problem('MERGE_UNDO_TOO_LATE', { days: String(days) });
    const { log } = merge;
    const survivor = await readForChange(doc, log.survivor, 'update', c);
    const back = Object.fromEntries(Object.entries(log.values).filter(([k, [, chosen]]) => same(survivor[k], chosen)).map(([k, [before]]) => [k, before]));
    const after = Object.keys(back).length ? await updateRecord(entity, log.survivor, back, c) : (await readRecord(doc, log.survivor, c, { scope: 'read', guarded: true }))!;
    const released = Object.entries(log.released ?? {}).filter(([k]) => k in (doc.fields ?? {}));
    if (released.length) await c.db(doc.name).where({ id: otherId }).update(toColumns(doc, Object.fromEntries(released)));
    const restored = await restoreRecord(entity, otherId, c);
    for (const r of log.repointed) await repointReferences(r, log.survivor, otherId, c, r.ids);
    if (log.shares.length) await moveShares(doc.name, log.survivor, otherId, c, log.shares);
    if (log.mail.length) await moveMail(doc.name, log.survivor, otherId, c, log.mail);
    // The restored record names its own files again (a value passed to the survivor had taken them).
    const full = await readRecord(doc, otherId, c);
    if (full) await linkAttachments(doc, otherId, full, c);
    await writeHistory(entity, otherId, 'action:unmerged', { _merged_into: [log.survivor, null] }, c);
    await writeHistory(entity, log.survivor, 'action:unmerge', { _merged_from: [otherId, null] }, c);
    return { record: restored, survivor: after };
  });
}
