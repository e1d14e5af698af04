import type { RecordData } from '../../records/index.js';
import { DEFAULT_CALENDAR, todayIn, type TenantTime } from '../../time/index.js';
import type { RunRow } from '../types.js';

/**
 * What rules and templates of a step see: the record as it is now (or as it was at the
 * trigger, when gone), `$old` and `$trigger` from the triggering write, `$payload` of a
 * webhook, `$steps.<id>` for finished steps' outputs, `$run`, `$now`, `$today` (in the
 * tenant's zone) and `$time` (zone and business calendar).
 */
export const stepData = (run: RunRow, current: RecordData | undefined, outputs: Record<string, unknown>, now: Date, time?: TenantTime): Record<string, unknown> => ({
  ...(current ?? run.input.record ?? {}),
  $old: run.input.old ?? null,
  $trigger: run.input.record ?? null,
  $payload: run.input.payload ?? null,
  $steps: outputs,
  $run: { id: run.id, workflow: run.workflow, trigger: run.trigger, depth: run.depth },
  $now: now.toISOString(),
  $today: todayIn(time?.timeZone ?? 'UTC', now),
  $time: time ?? { timeZone: 'UTC', calendar: DEFAULT_CALENDAR },
});
