import type { ProblemEntry } from '../../../../core/index.js';

/** The quote problems the sales plugin answers with, in both languages. */
export const QUOTE_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  QUOTE_LOCKED: { status: 409, en: 'Quote {code} is {status}; its lines change only while it is a draft.', 'zh-CN': '报价单 {code} 当前为“{status}”，只有草稿状态才能修改明细。' },
  QUOTE_READ_ONLY: { status: 409, en: 'Quote {code} is {status} and can no longer change; make a new version instead.', 'zh-CN': '报价单 {code} 当前为“{status}”，不能再修改；请创建新版本。' },
  QUOTE_NOT_VERSIONABLE: { status: 409, en: 'Quote {code} is {status}; only a draft, approved, sent or rejected quote gets a new version.', 'zh-CN': '报价单 {code} 当前为“{status}”，只有草稿、已批准、已发送或已拒绝的报价可以创建新版本。' },
  SET_BY_SALES_PROCESS: { status: 422, en: 'These fields are set by the sales process, not by hand: {fields}.', 'zh-CN': '以下字段由销售流程自动填写，不能手工修改：{fields}。' },
  NO_CONTRACT_TEMPLATE: { status: 422, en: 'There is no contract template in use for the language {language}. Upload one under Contract templates.', 'zh-CN': '没有启用的 {language} 合同模板，请先在“合同模板”中上传。' },
};
