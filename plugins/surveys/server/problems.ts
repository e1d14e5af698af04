import type { ProblemEntry } from '../../../core/index.js';

/** The surveys plugin's problem codes, worded for the customer who follows a survey link. None says whose survey a link was. */
export const SURVEY_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  SURVEY_LINK_NOT_FOUND: { status: 404, en: 'This survey link is not valid.', 'zh-CN': '该调查链接无效。' },
  SURVEY_LINK_EXPIRED: { status: 410, en: 'This survey link has expired.', 'zh-CN': '该调查链接已过期。' },
  SURVEY_ALREADY_ANSWERED: { status: 409, en: 'This survey has already been answered. Thank you!', 'zh-CN': '该调查已提交，感谢您的参与！' },
  SURVEY_PORTAL_SIGN_IN: { status: 401, en: 'Sign in to the portal to see your surveys.', 'zh-CN': '请登录门户查看您的调查。' },
  SURVEY_ANSWERS_INVALID: { status: 422, en: 'Some answers need another look: {fields}.', 'zh-CN': '部分回答需要修改：{fields}。' },
};
