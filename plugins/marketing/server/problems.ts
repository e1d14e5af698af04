/** The marketing plugin's own refusals, in both languages. */
export const MARKETING_PROBLEMS = {
  CAMPAIGN_CLOSED: { status: 409, en: 'This campaign is {status} and takes no more members.', 'zh-CN': '该营销活动已{status}，不能再加入成员。' },
  CAMPAIGN_NOT_SENDING: { status: 409, en: 'This campaign is {status}: only an approved or active campaign sends e-mail.', 'zh-CN': '该营销活动状态为{status}：只有已批准或进行中的活动才能发送邮件。' },
  SEGMENT_NOT_FOUND: { status: 400, en: 'No segment you may read is named "{name}".', 'zh-CN': '没有您可查看的名为“{name}”的目标细分。' },
  RESPONSE_HAS_LEAD: { status: 409, en: 'This response has made a lead already ({lead}).', 'zh-CN': '该响应已生成潜在客户（{lead}）。' },
};
