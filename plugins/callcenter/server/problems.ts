import type { ProblemEntry } from '../../../core/index.js';

/** The call center's problem codes, in both languages. */
export const CALLCENTER_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  CALLCENTER_NO_AGENT: { status: 409, en: 'Sign in to a phone first: you have no agent record.', 'zh-CN': '请先签入话机：您还没有坐席记录。' },
  CALLCENTER_BUSY: { status: 409, en: 'Finish your call first.', 'zh-CN': '请先结束当前通话。' },
  CALLCENTER_NOT_YOUR_CALL: { status: 404, en: 'Call {call} is not offered to you.', 'zh-CN': '呼叫 {call} 未分配给您。' },
  CALLCENTER_CALL_STATE: { status: 409, en: 'Call {call} is {status}.', 'zh-CN': '呼叫 {call} 当前状态为 {status}。' },
  CALLCENTER_DO_NOT_CALL: { status: 409, en: '{phone} is on the do-not-call list.', 'zh-CN': '{phone} 在停止呼出名单中。' },
  CALLCENTER_OUTSIDE_WINDOW: { status: 409, en: 'It is {local} for the callee: outside the calling window {from}–{to}.', 'zh-CN': '被叫当地时间为 {local}，不在可呼叫时段 {from}–{to} 内。' },
  CALLCENTER_NOT_SIMULATOR: { status: 409, en: 'Simulated traffic runs only with the telephony simulator; this call center is connected to a real telephone system.', 'zh-CN': '模拟来电仅适用于电话模拟器；本呼叫中心已连接真实电话系统。' },
  CALLCENTER_NO_EMAIL: { status: 409, en: 'The caller has no e-mail address to send material to.', 'zh-CN': '来电客户没有可发送资料的电子邮箱。' },
  CALLCENTER_IVR_NOT_A_MENU: { status: 422, en: 'The IVR menu needs a start node and its nodes.', 'zh-CN': '语音导航菜单需要起始节点和节点。' },
  CALLCENTER_IVR_NO_START: { status: 422, en: 'The IVR menu starts at “{target}”, which is not one of its nodes.', 'zh-CN': '语音导航菜单的起始节点“{target}”不存在。' },
  CALLCENTER_IVR_NODE_TYPE: { status: 422, en: 'Node “{node}” is not a menu, lookup, queue or hang-up node.', 'zh-CN': '节点“{node}”不是菜单、查询、转队列或挂机节点。' },
  CALLCENTER_IVR_NO_NODE: { status: 422, en: 'Node “{node}” leads to “{target}”, which is not a node of the menu.', 'zh-CN': '节点“{node}”指向的“{target}”不是本菜单的节点。' },
  CALLCENTER_IVR_NO_WAY: { status: 422, en: 'Node “{node}” does not say where the caller goes next.', 'zh-CN': '节点“{node}”未设定来电者的下一步去向。' },
  CALLCENTER_IVR_TEXT: { status: 422, en: 'Node “{node}” needs its texts in English and in Chinese.', 'zh-CN': '节点“{node}”的提示语需要英文和中文两种语言。' },
  CALLCENTER_IVR_NO_OPTIONS: { status: 422, en: 'Menu node “{node}” needs at least one key.', 'zh-CN': '菜单节点“{node}”至少需要一个按键。' },
  CALLCENTER_IVR_BAD_KEY: { status: 422, en: 'Node “{node}”: “{key}” is not a phone key (0–9, * or #).', 'zh-CN': '节点“{node}”：“{key}”不是电话按键（0–9、* 或 #）。' },
  CALLCENTER_IVR_NO_QUEUE: { status: 422, en: 'Queue node “{node}” needs a queue.', 'zh-CN': '转队列节点“{node}”需要选择队列。' },
  CALLCENTER_IVR_LOOKUP: { status: 422, en: 'Lookup node “{node}” needs a lookup and how many digits the caller enters (1–12).', 'zh-CN': '查询节点“{node}”需要选择查询并设定输入位数（1–12）。' },
};
