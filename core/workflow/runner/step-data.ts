import type { RecordData } from '../../records/index.js';
import type { RunRow } from '../types.js';

/**
 * What rules and templates of a step see: the record as it is now (or as it was at the
 * trigger, when gone), `$old` and `$trigger` from the triggering write, `$payload` of a
 * webhook, `$steps.<id>` for finished steps' outputs, `$run`, `$now` and `$today`.
 */
export const stepData = (run: RunRow, current: RecordData | undefined, outputs: Record<string, unknown>, now: Date): Record<string, unknown> => ({
  ...(current ?? run.input.record ?? {}),
  $old: run.input.old ?? null,
  $trigger: run.input.record ?? null,
  $payload: run.input.payload ?? null,
  $steps: outputs,
  $run: { id: run.id, workflow: run.workflow, trigger: run.trigger, depth: run.depth },
  $now: now.toISOString(),
  $today: now.toISOString().slice(0, 10),
});
