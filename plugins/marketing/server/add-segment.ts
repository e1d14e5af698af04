import { copyRecords, getRecord, problem, type RecordActionDef } from '../../../core/index.js';
import { SEGMENT_SOURCES } from './segments.js';

/** Campaigns that take no more members. */
const CLOSED = new Set(['completed', 'cancelled']);

/**
 * 加入活动: snapshots the records a segment matches now (under the caller's read scope) into
 * members of this campaign in one SQL statement; records already members are skipped, so
 * adding a segment twice adds only the records that came into it since.
 */
export const addSegmentAction: RecordActionDef = {
  label: { en: 'Add a segment', 'zh-CN': '加入目标细分' },
  input: { segment: { type: 'text', required: true, label: { en: 'Segment', 'zh-CN': '目标细分' } } },
  async run({ id, record, params }, ctx) {
    if (CLOSED.has(String(record.status))) throw problem('CAMPAIGN_CLOSED', { status: String(record.status) });
    const segment = await getRecord('segment', String(params.segment ?? ''), ctx);
    const source = SEGMENT_SOURCES[String(segment.source)];
    const filter = segment.filter === null || segment.filter === '' ? undefined : segment.filter;
    const result = await copyRecords(
      { from: String(segment.source), filter, to: 'campaign_member', map: source.map, set: { campaign: id, segment: segment.id, status: 'planned' }, key: ['campaign', source.key] },
      ctx,
    );
    return { campaign: id, segment: segment.id, ...result };
  },
};
