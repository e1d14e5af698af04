import type { ProblemEntry } from '../../../core/index.js';

/** The call center's problem codes, in both languages. */
export const CALLCENTER_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  CALLCENTER_NO_AGENT: { status: 409, en: 'Sign in to a phone first: you have no agent record.', 'zh-CN': '请先签入话机：您还没有坐席记录。' },
  CALLCENTER_BUSY: { status: 409, en: 'Finish your call first.', 'zh-CN': '请先结束当前通话。' },
  CALLCENTER_NOT_YOUR_CALL: { status: 404, en: 'Call {call} is not offered to you.', 'zh-CN': '呼叫 {call} 未分配给您。' },
  CALLCENTER_CALL_STATE: { status: 409, en: 'Call {call} is {status}.', 'zh-CN': '呼叫 {call} 当前状态为 {status}。' },
  CALLCENTER_DO_NOT_CALL: { status: 409, en: '{phone} is on the do-not-call list.', 'zh-CN': '{phone} 在停止呼出名单中。' },
  CALLCENTER_OUTSIDE_WINDOW: { status: 409, en: 'It is {local} for the callee: outside the calling window {from}–{to}.', 'zh-CN': '被叫当地时间为 {local}，不在可呼叫时段 {from}–{to} 内。' },
  CALLCENTER_NO_EMAIL: { status: 409, en: 'The caller has no e-mail address to send material to.', 'zh-CN': '来电客户没有可发送资料的电子邮箱。' },
};
