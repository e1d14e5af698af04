import type { ProblemEntry } from '../../../../core/index.js';

/** The problems of serial shipment and returns, in both languages. */
export const RETURN_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  RETURN_ORDER_NOT_SHIPPED: { status: 409, en: 'Order {code} is {status}; only a shipped or completed order takes returns.', 'zh-CN': '订单 {code} 当前为“{status}”，只有已发货或已完成的订单可以退货。' },
  RETURN_NOT_ON_ORDER: { status: 422, en: 'What is returned was not shipped with order {code}.', 'zh-CN': '退回的货物不在订单 {code} 的发货内容中。' },
  RETURN_RECEIVED: { status: 409, en: 'This return has been received into stock and no longer changes.', 'zh-CN': '该退货单已收货入库，不能再修改。' },
  SERIAL_NOT_AVAILABLE: { status: 409, en: 'Serial numbers not in stock cannot ship with order {code}: {serials}.', 'zh-CN': '以下序列号不在库，不能随订单 {code} 发货：{serials}。' },
};
