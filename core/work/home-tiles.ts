import type { HomeTileDocument, Label, ReportMeasure } from '../metadata/types.js';
import { accessOf, readsEntity, listRecords, type RecordContext, type RecordData } from '../records/index.js';
import { aggregateRecords } from '../reports/index.js';
import { todayIn } from '../time/index.js';
import { listApprovals } from '../workflow/index.js';

/** One group of a tile that shows groups: the value, how many, and the sum when the tile sums. */
export interface HomeTileGroup {
  value: unknown;
  count: number;
  sum?: number | null;
}

/** A tile as the home page draws it: its words, and what it found for the user. */
export interface HomeTileAnswer {
  name: string;
  label: Label;
  empty?: Label;
  source: 'records' | 'approvals';
  show: 'list' | 'count' | 'group';
  entity?: string;
  /** The filter the tile's link opens the entity's list with. */
  filter?: unknown;
  /** For a list: the title field and the fields shown beside it. */
  titleField?: string;
  fields?: string[];
  count: number;
  records?: RecordData[];
  groups?: HomeTileGroup[];
  sum?: string;
  groupBy?: string;
}

export interface HomeAnswer {
  /** The day in the tenant's zone, the one $today names. */
  today: string;
  tiles: HomeTileAnswer[];
}

const DEFAULT_LIMIT = 5;

const approvalsTile = async (doc: HomeTileDocument, ctx: RecordContext): Promise<HomeTileAnswer> => {
  const { data } = await listApprovals({}, ctx);
  const records = data.slice(0, doc.limit ?? DEFAULT_LIMIT).map((a) => ({ id: a.id, entity: a.entity, record_id: a.record_id, workflow: a.workflow, created_at: a.created_at }));
  return { name: doc.name, label: doc.label, empty: doc.empty, source: 'approvals', show: doc.show ?? 'list', count: data.length, records };
};

const recordsTile = async (doc: HomeTileDocument, entityName: string, ctx: RecordContext): Promise<HomeTileAnswer | undefined> => {
  const entity = ctx.meta.entities[entityName];
  const show = doc.show ?? 'list';
  const base = { name: doc.name, label: doc.label, empty: doc.empty, source: 'records' as const, show, entity: entityName, filter: doc.filter };
  const { hidden } = accessOf(entity, ctx);
  const readable = (path: string) => !hidden.has(path.split('.')[0]);
  if (show === 'group' && doc.groupBy) {
    if (!readable(doc.groupBy) || (doc.sum && !readable(doc.sum))) return undefined;
    const measures: [ReportMeasure, ...ReportMeasure[]] = [{ name: 'count', aggregate: 'count' }, ...(doc.sum ? [{ name: 'sum', aggregate: 'sum' as const, field: doc.sum }] : [])];
    const answer = await aggregateRecords({ entity: entityName, groupBy: [doc.groupBy], measures, filter: doc.filter, limit: 50 }, ctx);
    const groups = answer.rows.map((r) => ({ value: r[doc.groupBy!], count: Number(r.count ?? 0), ...(doc.sum && { sum: r.sum as number | null }) }));
    return { ...base, groupBy: doc.groupBy, sum: doc.sum, groups, count: groups.reduce((n, g) => n + g.count, 0) };
  }
  // Fields hidden from this user are left out of the tile rather than failing the home page.
  const titleField = entity.titleField && readable(entity.titleField) ? entity.titleField : undefined;
  const fields = (doc.fields ?? []).filter(readable);
  const list = await listRecords(
    entityName,
    { filter: doc.filter, sort: doc.sort, limit: show === 'count' ? 1 : (doc.limit ?? DEFAULT_LIMIT), fields: [...new Set(['id', ...(titleField ? [titleField] : []), ...fields])], total: true },
    ctx,
  );
  return { ...base, titleField, fields, count: list.total ?? list.data.length, ...(show === 'list' && { records: list.data }) };
};

/**
 * The home page's tiles ("my day"), in their order: each tile document the user can read
 * (an entity they have no read right on is left out, and so is a group by a field hidden
 * from them; hidden fields of a list are not shown), read through the record service
 * under the user's row scope and field access; $today is the day in the tenant's zone.
 */
export const homeTiles = async (ctx: RecordContext): Promise<HomeAnswer> => {
  const docs = Object.values(ctx.meta.documents.home_tile ?? {}) as unknown as HomeTileDocument[];
  const sorted = [...docs].sort((a, b) => (a.order ?? 500) - (b.order ?? 500) || a.name.localeCompare(b.name));
  const tiles: HomeTileAnswer[] = [];
  for (const doc of sorted) {
    if (doc.source === 'approvals') {
      tiles.push(await approvalsTile(doc, ctx));
      continue;
    }
    const entity = doc.entity ? ctx.meta.entities[doc.entity] : undefined;
    if (!entity || !readsEntity(entity, ctx)) continue;
    const tile = await recordsTile(doc, entity.name, ctx);
    if (tile) tiles.push(tile);
  }
  return { today: todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date()), tiles };
};
