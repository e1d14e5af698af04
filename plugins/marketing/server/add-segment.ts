import { copyRecords, getRecord, listRecords, problem, type RecordActionDef, type RecordContext } from '../../../core/index.js';
import { SEGMENT_SOURCES } from './segments.js';

/** Campaigns that take no more members. */
const CLOSED = new Set(['completed', 'cancelled']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The segment the action names: by id, or by its name (as a person types it), under the caller's read scope. */
const segmentNamed = async (value: string, ctx: RecordContext) => {
  if (UUID.test(value)) return getRecord('segment', value, ctx);
  const found = await listRecords('segment', { filter: { '==': [{ var: 'name' }, value.trim()] }, limit: 1 }, ctx);
  if (!found.data.length) throw problem('SEGMENT_NOT_FOUND', { name: value.slice(0, 200) }, { errors: [{ field: 'segment', message: 'no segment has this name', code: 'SEGMENT_NOT_FOUND' }] });
  return found.data[0];
};

/**
 * 加入活动: snapshots the records a segment matches now (under the caller's read scope) into
 * members of this campaign in one SQL statement; records already members are skipped, so
 * adding a segment twice adds only the records that came into it since.
 */
export const addSegmentAction: RecordActionDef = {
  label: { en: 'Add a segment', 'zh-CN': '加入目标细分' },
  input: { segment: { type: 'text', required: true, label: { en: 'Segment (name)', 'zh-CN': '目标细分（名称）' } } },
  async run({ id, record, params }, ctx) {
    if (CLOSED.has(String(record.status))) throw problem('CAMPAIGN_CLOSED', { status: String(record.status) });
    const segment = await segmentNamed(String(params.segment ?? ''), ctx);
    const source = SEGMENT_SOURCES[String(segment.source)];
    const filter = segment.filter === null || segment.filter === '' ? undefined : segment.filter;
    const result = await copyRecords(
      { from: String(segment.source), filter, to: 'campaign_member', map: source.map, set: { campaign: id, segment: segment.id, status: 'planned' }, key: ['campaign', source.key] },
      ctx,
    );
    return { campaign: id, segment: segment.id, ...result };
  },
};
