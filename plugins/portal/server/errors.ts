import type { ProblemEntry } from '../../../core/index.js';

/** The portal plugin's problem codes, worded for the people who meet them (customers' contacts, landing-page visitors, staff). */
export const PORTAL_PLUGIN_ERRORS: Readonly<Record<string, ProblemEntry>> = {
  PORTAL_ACCOUNT_NO_CUSTOMER: { status: 403, en: 'Your portal account is not linked to a customer.', 'zh-CN': '您的门户账户未关联客户。' },
  PORTAL_CONTACT_NO_EMAIL: { status: 400, en: 'The contact needs an e-mail address for the portal.', 'zh-CN': '联系人需要有电子邮箱才能开通门户。' },
  PORTAL_CONTACT_NO_CUSTOMER: { status: 400, en: 'The contact belongs to no customer.', 'zh-CN': '该联系人不属于任何客户。' },
  PORTAL_LANDING_NOT_FOUND: { status: 404, en: 'No such landing page.', 'zh-CN': '落地页不存在。' },
  PORTAL_LANDING_NOT_OBJECT: { status: 400, en: 'Send the form as a JSON object.', 'zh-CN': '请以 JSON 对象提交表单。' },
  PORTAL_LANDING_REQUIRED: { status: 400, en: 'Some required fields are empty: {fields}.', 'zh-CN': '有必填项未填写：{fields}。' },
  PORTAL_FAQ_QUERY: { status: 400, en: 'The search text is at most {max} characters.', 'zh-CN': '搜索内容最多 {max} 个字符。' },
};
