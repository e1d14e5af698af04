import type { ProblemEntry } from '../../../core/index.js';

/** Field service's problem codes, in both languages. */
export const FIELDSERVICE_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  FIELDSERVICE_SKILL_MISSING: {
    status: 422,
    en: '{engineer} does not have the skill {skill} at level {level} or above.',
    'zh-CN': '{engineer} 不具备等级 {level} 及以上的技能「{skillZh}」。',
  },
  FIELDSERVICE_OUTSIDE_TERRITORY: {
    status: 422,
    en: '{engineer} does not work in the territory {territory}.',
    'zh-CN': '{engineer} 不负责服务区域「{territoryZh}」。',
  },
  FIELDSERVICE_ENGINEER_INACTIVE: { status: 422, en: '{engineer} is not active.', 'zh-CN': '{engineer} 当前不在岗。' },
  FIELDSERVICE_OVERLAP: {
    status: 409,
    en: '{engineer} already has {count} job(s) at that time: {orders}.',
    'zh-CN': '{engineer} 在该时间段已有 {count} 个工单：{orders}。',
  },
  FIELDSERVICE_OVERLAP_UNSEEN: {
    status: 409,
    en: '{engineer} already has {count} job(s) at that time, {unseen} of them outside what you may see. Check with whoever dispatches those, or assign anyway.',
    'zh-CN': '{engineer} 在该时间段已有 {count} 个工单，其中 {unseen} 个您无权查看。请与负责这些工单的调度员确认，或仍然派工。',
  },
  FIELDSERVICE_NOT_DISPATCHABLE: { status: 409, en: 'Work order {order} is {status}: only new or scheduled work orders can be dispatched.', 'zh-CN': '工单 {order} 的状态为「{status}」：只能派工新建或已派工的工单。' },
  FIELDSERVICE_NO_WAREHOUSE: { status: 422, en: 'Choose the warehouse the part comes from.', 'zh-CN': '请选择备件出库的仓库。' },
  FIELDSERVICE_ORDER_CLOSED: { status: 409, en: 'Work order {order} is {status}: parts can be added only while it is scheduled or in progress.', 'zh-CN': '工单 {order} 的状态为「{status}」：只有已派工或进行中的工单可以登记备件。' },
};
