import { createRecord, listRecords, updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';
import { planBirthdays } from '../server/care-birthdays.js';
import { applyTemplate } from '../server/care-templates.js';
import { seededRandom } from './random.js';

type Action = [kind: string, subject: string, offsetDays: number, everyMonths: number | undefined, times: number, remindDays: number];

/** Care templates per customer grade (大客户, 战略合作伙伴, 合作伙伴): what every customer of the grade receives. */
const TEMPLATES: [grade: string, name: string, notes: string, actions: Action[]][] = [
  ['strategic', '战略合作伙伴关怀计划', '高层互访、季度业务回顾与节日礼品，由客户经理负责落实。', [
    ['follow_up', '高层拜访：年度合作回顾与规划', 14, 12, 2, 7],
    ['follow_up', '季度业务回顾（QBR）', 30, 3, 4, 5],
    ['holiday', '节日礼品与贺卡', 45, 6, 2, 7],
  ]],
  ['major', '大客户关怀计划', '季度回访与半年度满意度访谈。', [
    ['follow_up', '季度电话回访', 7, 3, 4, 3],
    ['follow_up', '半年度满意度访谈', 60, 6, 2, 5],
  ]],
  ['partner', '合作伙伴关怀计划', '渠道伙伴的月度沟通与培训邀请。', [
    ['follow_up', '月度渠道沟通会', 10, 1, 6, 2],
    ['holiday', '新品培训邀请', 40, 6, 2, 7],
  ]],
];

/**
 * Customer care demo (客户关怀): birthdays on about half the contacts (those with a
 * birthday care plan keep its day), this year's coming birthdays planned as the daily
 * schedule would, and a care template per grade applied to up to eight customers of it.
 */
export const seedDemoCare = async (contacts: RecordData[], planned: Map<string, string>, ctx: RecordContext): Promise<{ care_plan: number; care_plan_template: number; contact_birthday: number }> => {
  const r = seededRandom(20_261_207);
  let contactBirthday = 0;
  let carePlan = 0;
  for (const contact of contacts) {
    const known = planned.get(String(contact.id));
    if (!known && !r.chance(0.4)) continue;
    const monthDay = known ? known.slice(5) : `${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    await updateRecord('contact', String(contact.id), { birthday: `${r.int(1962, 1995)}-${monthDay}` }, ctx);
    contactBirthday++;
  }
  carePlan += await planBirthdays(14, ctx);
  let templates = 0;
  for (const [grade, name, notes, actions] of TEMPLATES) {
    const template = await createRecord('care_plan_template', { name, grade, notes, active: true, auto_apply: true }, ctx);
    for (const [kind, subject, offset_days, every_months, times, remind_days] of actions) {
      await createRecord('care_plan_template_action', { template: template.id, kind, subject, offset_days, every_months, times, remind_days }, ctx);
    }
    templates++;
    const { data: customers } = await listRecords('customer', { filter: { '==': [{ var: 'grade' }, grade] }, fields: ['id', 'owner_id', 'grade'], sort: 'name', limit: 8 }, ctx);
    for (const customer of customers) carePlan += await applyTemplate(customer, template, ctx);
  }
  return { care_plan: carePlan, care_plan_template: templates, contact_birthday: contactBirthday };
};
