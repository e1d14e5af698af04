import { invalidInput, isAppError, listRecords, type BeforeHook, type PluginRouteDef, type RecordContext, type RecordData } from '../../../core/index.js';

/** What a segment may filter, and how its rows become campaign members (member field ← source path). */
export const SEGMENT_SOURCES: Record<string, { map: Record<string, string>; key: string }> = {
  contact: { map: { contact: 'id', customer: 'customer' }, key: 'contact' },
  customer: { map: { customer: 'id' }, key: 'customer' },
  lead: { map: { lead: 'id' }, key: 'lead' },
};

const filterOf = (value: unknown): unknown => (value === null || value === undefined || value === '' ? undefined : value);

/**
 * A segment's filter must compile to SQL over its source entity (a filter the list could not
 * run is refused when saved): the 400 names the segment's `filter` field and says why.
 */
export const checkSegmentFilter: BeforeHook = async (event, ctx) => {
  const data = { ...(event.old ?? {}), ...event.data };
  const source = String(data.source ?? '');
  if (!SEGMENT_SOURCES[source] || !ctx.meta.entities[source]) return;
  if (!('filter' in event.data) && !('source' in event.data)) return;
  const filter = filterOf(data.filter);
  if (filter === undefined) return;
  try {
    await listRecords(source, { filter, limit: 1, fields: ['id'] }, ctx as RecordContext);
  } catch (e) {
    if (!isAppError(e) || e.status !== 400) throw e;
    const errors = ((e.details?.errors ?? []) as { field: string; message: string }[]).map((p) => ({ field: 'filter', message: p.message, code: 'SEGMENT_FILTER' }));
    throw invalidInput(`The segment's filter cannot be run over ${source}: ${e.message}`.slice(0, 500), errors.length ? errors : [{ field: 'filter', message: e.message, code: 'SEGMENT_FILTER' }]);
  }
};

/** How many records a segment matches now, among those the caller may read. */
export const countSegment = async (segment: RecordData, count: (entity: string, filter: unknown) => Promise<number>): Promise<{ source: string; count: number }> => {
  const source = String(segment.source);
  return { source, count: await count(source, filterOf(segment.filter)) };
};

/** GET /api/x/marketing/segments/:id/count — the live count of a saved segment. */
export const segmentCount: PluginRouteDef = {
  method: 'GET',
  path: '/segments/:id/count',
  async handler(req, ctx) {
    const segment = await ctx.records.get('segment', req.params.id);
    return countSegment(segment, async (entity, filter) => Number((await ctx.records.list(entity, { filter, limit: 1, fields: ['id'], total: true })).total));
  },
};

/** POST /api/x/marketing/segments/preview {source, filter} — the count of a filter being edited, before it is saved. */
export const segmentPreview: PluginRouteDef = {
  method: 'POST',
  path: '/segments/preview',
  async handler(req, ctx) {
    const body = (req.body ?? {}) as RecordData;
    const source = String(body.source ?? '');
    if (!SEGMENT_SOURCES[source]) throw invalidInput('Choose contacts, customers or leads', [{ field: 'source', message: `must be one of ${Object.keys(SEGMENT_SOURCES).join(', ')}`, code: 'ENUM' }]);
    return countSegment({ source, filter: body.filter }, async (entity, filter) => Number((await ctx.records.list(entity, { filter, limit: 1, fields: ['id'], total: true })).total));
  },
};
