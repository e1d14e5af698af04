import type { Knex } from 'knex';
import type { WorkflowDocument } from '../../metadata/types.js';
import { startRuns } from '../runs/start-runs.js';
import { dueSlot } from './cron-slot.js';
import { lockState, writeState } from './wf-state.js';

/**
 * Starts the schedule-triggered workflows whose cron slot came since the last tick
 * (the first tick looks back one minute). One run per slot: the slot is the run's dedupe
 * key, so two ticks racing start it once.
 */
export const fireSchedules = async (db: Knex.Transaction, tenantId: string, flows: WorkflowDocument[], now: Date): Promise<string[]> => {
  const started: string[] = [];
  for (const wf of flows.filter((w) => w.trigger.on === 'schedule' && w.trigger.cron)) {
    const key = `cron:${wf.name}`;
    const state = await lockState(db, key, { last: new Date(now.getTime() - 60_000).toISOString() });
    const slot = dueSlot(wf.trigger.cron!, wf.trigger.timezone, new Date(state.last), now);
    await writeState(db, key, { last: now.toISOString() });
    if (!slot) continue;
    const input = { payload: { slot: slot.toISOString() } };
    started.push(...(await startRuns(db, tenantId, [{ workflow: wf.name, trigger: 'schedule', input, depth: 0, dedupeKey: `cron:${wf.name}:${slot.toISOString()}` }])));
  }
  return started;
};
