import type { Knex } from 'knex';
import type { EffectiveMeta, WorkflowDocument } from '../../metadata/types.js';
import type { RecordContext, RecordData } from '../../records/index.js';
import type { TenantTime } from '../../time/index.js';
import { startRuns } from '../runs/start-runs.js';
import { dueSlot } from './cron-slot.js';
import { scheduledRecords } from './scheduled-records.js';
import { lockState, writeState } from './wf-state.js';

/**
 * Starts the schedule-triggered workflows whose cron slot came since the last tick
 * (the first tick looks back one minute). A workflow without an entity starts one run per
 * slot; one with an entity starts one run per record of it that matches the trigger's
 * condition ("every Monday, for each open ticket older than a week"). The slot (and the
 * record) is the run's dedupe key, so two ticks racing start each run once.
 */
export const fireSchedules = async (db: Knex.Transaction, tenantId: string, meta: EffectiveMeta, flows: WorkflowDocument[], now: Date, time?: TenantTime): Promise<string[]> => {
  const started: string[] = [];
  const rctx: RecordContext = { db, meta, actor: { id: 'workflow:schedule', name: 'Schedule', roles: [], isAdmin: true }, now, time };
  for (const wf of flows.filter((w) => w.trigger.on === 'schedule' && w.trigger.cron)) {
    const key = `cron:${wf.name}`;
    const state = await lockState(db, key, { last: new Date(now.getTime() - 60_000).toISOString() });
    const slot = dueSlot(wf.trigger.cron!, wf.trigger.timezone || time?.timeZone, new Date(state.last), now);
    await writeState(db, key, { last: now.toISOString() });
    if (!slot) continue;
    const at = slot.toISOString();
    if (!wf.entity) {
      started.push(...(await startRuns(db, tenantId, [{ workflow: wf.name, trigger: 'schedule', input: { payload: { slot: at } }, depth: 0, dedupeKey: `cron:${wf.name}:${at}` }])));
      continue;
    }
    if (!meta.entities[wf.entity]) continue;
    const entity = wf.entity;
    const runFor = (record: RecordData) => ({
      workflow: wf.name,
      trigger: 'schedule' as const,
      entity,
      recordId: String(record.id),
      input: { record, payload: { slot: at } },
      depth: 0,
      dedupeKey: `cron:${wf.name}:${at}:${String(record.id)}`,
    });
    for await (const batch of scheduledRecords(wf, rctx)) started.push(...(await startRuns(db, tenantId, batch.map(runFor))));
  }
  return started;
};
