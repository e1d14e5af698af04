import { MAX_LIMIT, listRecords } from '../../records/list-records.js';
import type { ListQuery, RecordContext, RecordData } from '../../records/types.js';

/**
 * The records of an entity the actor may read, page by page (keyset paging through the
 * record service: row scope and field access hold), each page read in the context `open`
 * gives — a background job opens one short transaction per page.
 */
export async function* streamRecords(
  entity: string,
  query: Pick<ListQuery, 'filter' | 'sort' | 'fields'>,
  open: <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>,
): AsyncGenerator<RecordData> {
  let cursor: string | undefined;
  for (;;) {
    const page = await open((ctx) => listRecords(entity, { ...query, limit: MAX_LIMIT, cursor }, ctx));
    yield* page.data;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
