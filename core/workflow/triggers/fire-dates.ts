import type { Knex } from 'knex';
import type { EffectiveMeta, WorkflowDocument } from '../../metadata/types.js';
import { readRecord } from '../../records/get-record.js';
import { ruleData, type RecordContext } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';
import type { TenantTime } from '../../time/index.js';
import { startRuns } from '../runs/start-runs.js';

/** How far back a scan looks at the least: a day of elapsed time (not a calendar day). */
const ONE_DAY = 24 * 3_600_000;
import { lockState, writeState } from './wf-state.js';

/**
 * SQL for how many days after the field a record is due: `offsetDays`, or, with
 * `daysBeforeField`, minus that number field of the record (when set).
 */
const offsetSql = (wf: WorkflowDocument): { sql: string; bindings: (string | number)[] } => {
  const t = wf.trigger;
  if (!t.daysBeforeField) return { sql: '?::int', bindings: [t.offsetDays ?? 0] };
  return { sql: 'coalesce(-(??)::int, ?::int)', bindings: [`${wf.entity}.${t.daysBeforeField}`, t.offsetDays ?? 0] };
};

/**
 * SQL for when a record is due: the field's date + the offset at `at` in the trigger's zone
 * (else the tenant's), for date fields; the field's instant + the offset in days of the
 * zone's calendar otherwise.
 */
const dueAtSql = (wf: WorkflowDocument, type: string, zone: string): { sql: string; bindings: (string | number)[] } => {
  const t = wf.trigger;
  const column = `${wf.entity}.${t.field}`;
  const off = offsetSql(wf);
  if (type === 'date') return { sql: `((??::date + ${off.sql}) + ?::time) at time zone ?`, bindings: [column, ...off.bindings, t.at ?? '00:00', zone] };
  return { sql: `((?? at time zone ?) + ${off.sql} * interval '1 day') at time zone ?`, bindings: [column, zone, ...off.bindings, zone] };
};

/**
 * Starts the date-triggered workflows for records that are due ("30 days before
 * end_date": offsetDays -30, or "remind_days before date": daysBeforeField) and have not fired for that due moment: due within the last
 * day, or since the last scan when that is longer ago (a worker was down), so a record
 * made or changed after its due moment still fires. One run per record and due moment
 * (its dedupe key, also how fired ones are left out); the condition, if any, is checked
 * on the record as it is.
 */
export const fireDates = async (db: Knex.Transaction, tenantId: string, meta: EffectiveMeta, flows: WorkflowDocument[], now: Date, time?: TenantTime): Promise<string[]> => {
  const started: string[] = [];
  const rctx: RecordContext = { db, meta, actor: { id: 'workflow:scan', name: 'Date scan', roles: [], isAdmin: true }, now, time };
  for (const wf of flows.filter((w) => w.trigger.on === 'date' && w.entity && w.trigger.field)) {
    const doc = meta.entities[wf.entity!];
    const field = doc?.fields[wf.trigger.field!];
    if (!doc || !field) continue;
    const key = `date:${wf.name}`;
    const state = await lockState(db, key, { last: now.toISOString() });
    const since = new Date(Math.min(new Date(state.last).getTime(), now.getTime() - ONE_DAY)).toISOString();
    const due = dueAtSql(wf, field.type, wf.trigger.timezone || time?.timeZone || 'UTC');
    const fired = `not exists (select 1 from _wf_runs r where r.dedupe_key = ? || ??::text || ':' || to_char(${due.sql} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
    const rows: { id: string; due: string }[] = await db(doc.name)
      .whereNull('deleted_at')
      .whereRaw(`${due.sql} > ?::timestamptz and ${due.sql} <= ?::timestamptz`, [...due.bindings, since, ...due.bindings, now.toISOString()])
      .whereRaw(fired, [`date:${wf.name}:`, `${doc.name}.id`, ...due.bindings])
      .select(`${doc.name}.id`, db.raw(`${due.sql} as due`, due.bindings))
      .limit(10_000);
    await writeState(db, key, { last: now.toISOString() });
    for (const row of rows) {
      const record = await readRecord(doc, row.id, rctx);
      if (!record || (wf.trigger.condition !== undefined && !ruleAccepts(wf.trigger.condition as never, ruleData(record, undefined, rctx)))) continue;
      const dueAt = new Date(row.due).toISOString();
      started.push(...(await startRuns(db, tenantId, [{ workflow: wf.name, trigger: 'date', entity: doc.name, recordId: row.id, input: { record, payload: { due: dueAt } }, depth: 0, dedupeKey: `date:${wf.name}:${row.id}:${dueAt}` }])));
    }
  }
  return started;
};
