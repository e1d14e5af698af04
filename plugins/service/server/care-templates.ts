import { addDays, addMonths, createRecord, getRecord, listRecords, problem, withSystemRights, type AfterHook, type RecordActionDef, type RecordContext, type RecordData } from '../../../core/index.js';
import { todayOf } from './dates.js';

const present = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The active care template of a grade (the first by name), or undefined; `auto` asks for one applied automatically. */
const templateOfGrade = async (grade: string, ctx: RecordContext, auto = false): Promise<RecordData | undefined> => {
  const filter = { and: [{ '==': [{ var: 'grade' }, grade] }, { '!=': [{ var: 'active' }, false] }, ...(auto ? [{ '!=': [{ var: 'auto_apply' }, false] }] : [])] };
  return (await listRecords('care_plan_template', { filter, fields: ['id', 'name', 'grade'], sort: 'name', limit: 1 }, ctx)).data[0];
};

/**
 * Plans a care template for a customer: each of its actions becomes `times` care plans,
 * the first `offset_days` after today (the tenant's zone), then every `every_months`, for
 * the customer's owner. Each occurrence is planned once (`care_key`
 * `template:<action>:<customer>:<n>`), so applying again, or again after a grade change
 * back, adds only what is missing. Answers how many plans were made.
 */
export const applyTemplate = async (customer: RecordData, template: RecordData, ctx: RecordContext): Promise<number> => {
  const today = todayOf(ctx);
  const { data: actions } = await listRecords('care_plan_template_action', { filter: { '==': [{ var: 'template' }, template.id] }, fields: ['id', 'kind', 'subject', 'offset_days', 'every_months', 'times', 'remind_days'], sort: 'offset_days', limit: 500 }, ctx);
  let planned = 0;
  for (const action of actions) {
    const first = addDays(today, Number(action.offset_days ?? 0));
    const times = Math.max(1, Number(action.times ?? 1));
    const every = Number(action.every_months ?? 0);
    for (let n = 0; n < (every > 0 ? times : 1); n++) {
      const key = `template:${action.id}:${customer.id}:${n + 1}`;
      const { data: existing } = await listRecords('care_plan', { filter: { '==': [{ var: 'care_key' }, key] }, fields: ['id'], limit: 1, includeDeleted: true }, withSystemRights(ctx));
      if (existing.length) continue;
      const date = n === 0 ? first : addMonths(first, n * every);
      const plan: RecordData = { customer: customer.id, kind: action.kind, subject: action.subject, date, template: template.id, care_key: key };
      if (action.remind_days != null) plan.remind_days = action.remind_days;
      if (present(customer.owner_id)) plan.owner_id = customer.owner_id;
      await createRecord('care_plan', plan, ctx);
      planned++;
    }
  }
  return planned;
};

/**
 * 应用关怀模板: POST /api/records/customer/<id>/actions/apply_care_template {"template"?}
 * (right `customer.apply_care_template`): the given template, else the active one of the
 * customer's grade, planned for the customer under the caller's rights (care plans of
 * customers they may change). 422 when the customer has no grade or the grade no template.
 */
export const applyCareTemplate: RecordActionDef = {
  label: { en: 'Apply care template', 'zh-CN': '应用关怀模板' },
  input: { template: { type: 'text', label: { en: 'Care template (default: the one of the grade)', 'zh-CN': '关怀模板（默认按客户等级）' } } },
  async run({ id, record, params }, ctx) {
    let template: RecordData | undefined;
    if (present(params.template)) template = await getRecord('care_plan_template', params.template, ctx);
    else {
      const grade = record.grade;
      if (!present(grade)) throw problem('SERVICE_CUSTOMER_NO_GRADE', {}, { errors: [{ field: 'template', message: 'is required: the customer has no grade' }] });
      template = await templateOfGrade(grade, ctx);
      if (!template) throw problem('SERVICE_NO_CARE_TEMPLATE', { grade, gradeZh: await gradeLabel(grade, ctx) }, { errors: [{ field: 'template', message: 'no active template for the grade' }] });
    }
    const planned = await applyTemplate({ ...record, id }, template, ctx);
    return { template: { id: template.id, name: template.name }, planned };
  },
};

const gradeLabel = async (grade: string, ctx: RecordContext): Promise<string> => {
  const item = ctx.meta.dictionaries?.customer_grade?.items?.find((i) => i.value === grade);
  return (item?.label as Record<string, string> | undefined)?.['zh-CN'] ?? grade;
};

/**
 * A customer who gets a grade (new, or changed to it) has that grade's template applied
 * when it is active and set to apply automatically — with system rights, as whoever
 * changed the grade need not plan care.
 */
export const applyOnGrade: AfterHook = async (event, ctx) => {
  const grade = event.data.grade;
  if (!present(grade) || (event.action === 'update' && event.old?.grade === grade)) return;
  const sys = withSystemRights(ctx);
  const template = await templateOfGrade(grade, sys, true);
  if (template) await applyTemplate(event.data, template, sys);
};
