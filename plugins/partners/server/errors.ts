import type { ProblemEntry } from '../../../core/index.js';

/** The partners plugin's problem codes, worded for the staff who meet them. */
export const PARTNERS_ERRORS: Readonly<Record<string, ProblemEntry>> = {
  PARTNER_NO_EMAIL: { status: 400, en: 'Portal access needs an e-mail address: give one, or fill in the partner\'s e-mail.', 'zh-CN': '开通门户账号需要电子邮箱：请填写邮箱，或先补全合作伙伴的邮箱。' },
  PARTNER_NOT_ACTIVE: { status: 409, en: 'Only an active partner can be given portal access.', 'zh-CN': '只有合作中的伙伴才能开通门户账号。' },
  PARTNER_PORTAL_SIGN_IN: { status: 401, en: 'Sign in to the portal as a partner user first.', 'zh-CN': '请先以合作伙伴用户身份登录门户。' },
  PARTNER_ACCOUNT_NO_PARTNER: { status: 403, en: 'Your portal account is not linked to a partner, so it cannot register deals.', 'zh-CN': '您的门户账号未关联合作伙伴，无法报备商机。' },
  DEAL_CUSTOMER_NOT_YOURS: { status: 422, en: 'Choose one of the customers of your deals, or type the name of a new customer.', 'zh-CN': '请选择您已有商机的客户，或填写新客户的名称。' },
  DEAL_ALREADY_REGISTERED: { status: 409, en: '{customer} already has an open deal ({deal}); a second registration for this customer is not accepted. Ask your partner manager if you think this is wrong.', 'zh-CN': '{customer} 已有进行中的商机（{deal}），不能重复报备该客户。如有疑问，请联系您的渠道经理。' },
  DEAL_REGISTRATION_DECIDED: { status: 409, en: 'This registration has been decided ({status}); it no longer changes.', 'zh-CN': '该报备已审批（{status}），不能再修改。' },
};
