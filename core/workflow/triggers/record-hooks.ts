import type { RecordHooks } from '../../records/index.js';
import { assertNotLocked } from '../approvals/record-lock.js';
import { startRuns, type NewRun } from '../runs/start-runs.js';
import { matchRecordEvent } from './match-record-event.js';

/** A workflow's writes start further runs at most this deep; the next level is recorded as stopped. */
export const MAX_DEPTH = 16;

/**
 * The record hooks of the workflow engine, both inside the record's transaction:
 * `before` refuses changes to a record waiting for an approval (409); `after` records the
 * runs the write starts, with their wake-up in the outbox, so a rolled-back write starts
 * nothing. `depth` is 0 for people's writes and the run's depth + 1 for a workflow's own.
 */
export const workflowHooks = (opts: { tenantId: string; depth: number }): Required<RecordHooks> => ({
  async before(event, ctx) {
    if (event.action === 'update' || event.action === 'delete') await assertNotLocked(event.entity, String(event.old?.id ?? event.data.id), ctx);
  },
  async after(event, ctx) {
    const matched = matchRecordEvent(event, ctx);
    if (!matched.length) return;
    const tooDeep = opts.depth >= MAX_DEPTH;
    const runs: NewRun[] = matched.map((w) => ({
      workflow: w.name,
      trigger: event.action as NewRun['trigger'],
      entity: event.entity,
      recordId: String(event.data.id),
      input: { record: event.data, old: event.old ?? null },
      depth: opts.depth,
      actorId: ctx.actor.id,
      ...(tooDeep && { status: 'stopped' as const, error: { code: 'LOOP_LIMIT', message: `Not started: workflows triggered each other ${MAX_DEPTH} levels deep` } }),
    }));
    await startRuns(ctx.db, opts.tenantId, runs);
  },
});

/** Hooks run one after the other (plugins first, then workflows). */
export const composeHooks = (...all: (RecordHooks | undefined)[]): Required<RecordHooks> => ({
  async before(event, ctx) {
    for (const h of all) await h?.before?.(event, ctx);
  },
  async after(event, ctx) {
    for (const h of all) await h?.after?.(event, ctx);
  },
});
