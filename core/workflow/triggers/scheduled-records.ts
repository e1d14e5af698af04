import type { WorkflowDocument } from '../../metadata/types.js';
import { listRecords, ruleData, type RecordContext, type RecordData } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';

/** At most this many records start runs per schedule slot; the rest wait for the next slot. */
export const MAX_SCHEDULED_RECORDS = 10_000;
const PAGE = 500;

/**
 * The records a scheduled workflow with an entity runs for, in pages of up to 500, oldest
 * id first: the live records matching the trigger's condition. The condition goes to SQL as
 * a list filter (indexed, one query per page); a condition the list filter cannot express
 * (one reading `$now`, `$user` or `$old`) is checked on each record instead, as date triggers do.
 */
export async function* scheduledRecords(wf: WorkflowDocument, ctx: RecordContext): AsyncGenerator<RecordData[]> {
  const condition = wf.trigger.condition;
  const inSql = condition !== undefined && !/"\$(now|today|user|old)/.test(JSON.stringify(condition));
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await listRecords(wf.entity!, { filter: inSql ? condition : undefined, sort: 'id', limit: PAGE, cursor }, ctx);
    const picked = inSql || condition === undefined ? page.data : page.data.filter((r) => ruleAccepts(condition as never, ruleData(r, undefined, ctx)));
    const room = MAX_SCHEDULED_RECORDS - seen;
    seen += page.data.length;
    if (picked.length) yield picked.slice(0, room);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < MAX_SCHEDULED_RECORDS);
}
