import { createRecord, getRecord, listRecords, updateRecord, type ListQuery, type RecordContext, type RecordData, type RouteRecords } from '../../../core/index.js';

/** The record service as both a route (ctx.records) and a hook (its record context) use it. */
export type Records = Pick<RouteRecords, 'list' | 'get' | 'create' | 'update'>;

/** A hook's or action's record context, seen as `Records`. */
export const recordsOf = (ctx: RecordContext): Records => ({
  list: (entity, query = {}) => listRecords(entity, query, ctx),
  get: (entity, id, opts) => getRecord(entity, id, ctx, opts),
  create: (entity, data) => createRecord(entity, data, ctx),
  update: (entity, id, patch, opts) => updateRecord(entity, id, patch, ctx, opts),
});

/** Full rights for what an allowed change brings with it (core's one definition). */
export { withSystemRights } from '../../../core/index.js';

/** Every record of a query, page by page. */
export const listAll = async (records: Records, entity: string, query: ListQuery): Promise<RecordData[]> => {
  const out: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await records.list(entity, { ...query, limit: 500, cursor });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
};

/** The first record matching a filter, or undefined. */
export const findOne = async (records: Records, entity: string, filter: unknown, fields?: string[]): Promise<RecordData | undefined> =>
  (await records.list(entity, { filter, limit: 1, ...(fields && { fields }) })).data[0];

/** Money as a number with two decimals. */
export const money = (n: unknown): number => Math.round(Number(n) * 100) / 100;
