import type { ProblemEntry } from '../../../core/index.js';

/** Customer service's problem codes, in both languages. */
export const SERVICE_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  SERVICE_SERIAL_UNKNOWN: { status: 404, en: 'No serial number {serial} that you may read.', 'zh-CN': '找不到您可查看的序列号 {serial}。' },
  SERVICE_NO_CARE_TEMPLATE: { status: 422, en: 'There is no active care template for the grade {grade}.', 'zh-CN': '客户等级「{gradeZh}」没有启用的关怀模板。' },
  SERVICE_CUSTOMER_NO_GRADE: { status: 422, en: 'The customer has no grade: choose a care template.', 'zh-CN': '该客户未设置客户等级，请选择关怀模板。' },
};
