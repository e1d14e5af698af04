import { businessHoursBetween, getRecord, invalidInput, listRecords, problem, runTransition, updateRecord, withSystemRights, type FieldProblem, type RecordActionDef, type RecordContext, type RecordData } from '../../../core/index.js';
import { checkEngineerFits, overlapping, type SkillLevel } from './dispatch-checks.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPEN = ['scheduled', 'in_progress'];

interface DispatchInput {
  engineer: string;
  start: string;
  end: string;
  allowOverlap: boolean;
}

const instant = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || !v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

/** The action's parameters, or a 422 naming every bad one. */
export const parseDispatch = (params: Record<string, unknown>): DispatchInput => {
  const errors: FieldProblem[] = [];
  const engineer = typeof params.engineer === 'string' && UUID.test(params.engineer) ? params.engineer : undefined;
  if (!engineer) errors.push({ field: 'engineer', message: 'is required (an engineer id)' });
  const start = instant(params.scheduled_start);
  if (!start) errors.push({ field: 'scheduled_start', message: 'must be a date and time' });
  const end = instant(params.scheduled_end);
  if (!end) errors.push({ field: 'scheduled_end', message: 'must be a date and time' });
  if (start && end && end <= start) errors.push({ field: 'scheduled_end', message: 'must be after the start' });
  if (errors.length || !engineer || !start || !end) throw invalidInput('The dispatch is not valid', errors);
  return { engineer, start, end, allowOverlap: params.allow_overlap === true };
};

/** The engineer's skills with their levels. */
export const skillsOf = async (engineer: string, ctx: RecordContext): Promise<SkillLevel[]> => {
  const { data } = await listRecords('engineer_skill', { filter: { '==': [{ var: 'engineer' }, engineer] }, fields: ['skill', 'level'], limit: 100 }, ctx);
  return data.map((s) => ({ skill: String(s.skill), level: Number(s.level) }));
};

/**
 * The engineer's open jobs that overlap [start, end): every one counts, whoever may see it (an
 * engineer is not in two places because a dispatcher's scope hides a job), but only those the
 * dispatcher may read are named; the others are a number.
 */
const clashes = async (id: string, input: DispatchInput, ctx: RecordContext): Promise<{ shown: RecordData[]; unseen: number }> => {
  const filter = { and: [{ '==': [{ var: 'engineer' }, input.engineer] }, { in: [{ var: 'status' }, OPEN] }, { '<': [{ var: 'scheduled_start' }, input.end] }, { '>': [{ var: 'scheduled_end' }, input.start] }] };
  const { data } = await listRecords('work_order', { filter, fields: ['id'], limit: 50 }, withSystemRights(ctx));
  const ids = data.map((o) => String(o.id)).filter((o) => o !== id);
  if (!ids.length) return { shown: [], unseen: 0 };
  const visible = await listRecords('work_order', { filter: { in: [{ var: 'id' }, ids] }, fields: ['id', 'number', 'subject', 'scheduled_start', 'scheduled_end'], limit: 50 }, ctx);
  const shown = overlapping(id, input.start, input.end, visible.data);
  return { shown, unseen: ids.length - shown.length };
};

/** Whether [start, end) lies inside the tenant's business hours (its business calendar, in its zone). */
const withinWorkingHours = (input: DispatchInput, ctx: RecordContext): boolean => {
  if (!ctx.time) return true;
  const hours = businessHoursBetween(input.start, input.end, ctx.time.calendar, ctx.time.timeZone);
  return hours !== null && Math.abs(hours * 3600 - (Date.parse(input.end) - Date.parse(input.start)) / 1000) < 1;
};

/**
 * 派工: POST /api/records/work_order/<id>/actions/dispatch {engineer, scheduled_start,
 * scheduled_end, allow_overlap?} (right `work_order.dispatch`). Refuses (422) an engineer who
 * is inactive, lacks the order's skill at its level, or does not cover its territory; answers
 * 409 FIELDSERVICE_OVERLAP (listing the clashing orders) when the engineer has another open
 * job then, unless `allow_overlap`. A new order takes the `schedule` transition; a scheduled
 * one is moved. Answers the order and its warnings (overlaps allowed, outside working hours).
 */
export const dispatchWorkOrder: RecordActionDef = {
  label: { en: 'Dispatch', 'zh-CN': '派工' },
  when: { in: [{ var: 'status' }, ['new', 'scheduled']] },
  async run({ id, record, params }, ctx) {
    const input = parseDispatch(params);
    if (!['new', 'scheduled'].includes(String(record.status))) throw problem('FIELDSERVICE_NOT_DISPATCHABLE', { order: String(record.number), status: String(record.status) });
    const engineer = await getRecord('engineer', input.engineer, ctx);
    checkEngineerFits(engineer, await skillsOf(input.engineer, ctx), { number: String(record.number), skill: record.required_skill as string | null, level: record.required_level as number | null, territory: record.territory as string | null }, ctx.meta);
    const { shown: clash, unseen } = await clashes(id, input, ctx);
    const count = clash.length + unseen;
    if (count && !input.allowOverlap) {
      const named = { engineer: String(engineer.name), count, orders: clash.map((c) => c.number).join(', ') };
      throw unseen ? problem('FIELDSERVICE_OVERLAP_UNSEEN', { ...named, unseen }, { conflicts: clash, unseen }) : problem('FIELDSERVICE_OVERLAP', named, { conflicts: clash });
    }
    const set = { engineer: input.engineer, scheduled_start: input.start, scheduled_end: input.end };
    const loaded = { ifMatch: Number(record.version) };
    const saved = record.status === 'new' ? await runTransition({ entity: 'work_order', id, transition: 'schedule', ...loaded, set }, ctx) : await updateRecord('work_order', id, set, ctx, loaded);
    const warnings = [...(count ? [{ code: 'OVERLAP', orders: clash, unseen }] : []), ...(withinWorkingHours(input, ctx) ? [] : [{ code: 'OUTSIDE_WORKING_HOURS' }])];
    return { record: saved, warnings };
  },
};
