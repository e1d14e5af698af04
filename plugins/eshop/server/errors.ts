import type { ProblemEntry } from '../../../core/index.js';

/** The store's problem codes, each a clear 4xx a visitor or a provider can act on. */
export const ESHOP_ERRORS: Readonly<Record<string, ProblemEntry>> = {
  ESHOP_UNKNOWN_PRODUCT: { status: 404, en: 'No product {product} is for sale in this store.', 'zh-CN': '本店没有在售的产品 {product}。' },
  ESHOP_CART_NOT_FOUND: { status: 404, en: 'No such cart.', 'zh-CN': '购物车不存在。' },
  ESHOP_CART_EXPIRED: { status: 410, en: 'This cart has expired; start a new one.', 'zh-CN': '购物车已过期，请重新选购。' },
  ESHOP_CART_ORDERED: { status: 409, en: 'This cart has already been checked out.', 'zh-CN': '该购物车已经结账。' },
  ESHOP_CART_EMPTY: { status: 422, en: 'The cart is empty.', 'zh-CN': '购物车是空的。' },
  ESHOP_BAD_QUANTITY: { status: 422, en: 'The quantity must be a whole number from 1 to {max}.', 'zh-CN': '数量必须是 1 到 {max} 之间的整数。' },
  ESHOP_OUT_OF_STOCK: { status: 409, en: 'Not enough {product} in stock: {available} available, {requested} asked for.', 'zh-CN': '{product} 库存不足：可售 {available}，需要 {requested}。' },
  ESHOP_PRICE_CHANGED: { status: 409, en: 'The price of {product} is {price}, not {sent}; the store always charges its catalogue price.', 'zh-CN': '{product} 的价格是 {price}，不是 {sent}；本店始终按目录价收费。' },
  ESHOP_ORDER_NOT_FOUND: { status: 404, en: 'No such order.', 'zh-CN': '订单不存在。' },
  ESHOP_UNKNOWN_PROVIDER: { status: 404, en: 'No payment provider {provider}.', 'zh-CN': '没有支付服务商 {provider}。' },
  ESHOP_PAYMENT_NOT_FOUND: { status: 404, en: 'No such payment.', 'zh-CN': '付款不存在。' },
  ESHOP_PAYMENT_CLOSED: { status: 409, en: 'This payment is {status}; it can no longer be paid.', 'zh-CN': '该付款状态为 {status}，无法再支付。' },
  ESHOP_WEBHOOK_SIGNATURE: { status: 401, en: 'The webhook signature does not match.', 'zh-CN': '回调签名不匹配。' },
  ESHOP_WEBHOOK_STALE: { status: 401, en: 'The webhook timestamp is outside the {seconds}-second window.', 'zh-CN': '回调时间戳超出 {seconds} 秒的有效窗口。' },
  ESHOP_WEBHOOK_INVALID: { status: 400, en: 'The webhook event is not understood: {reason}.', 'zh-CN': '无法识别的回调事件：{reason}。' },
  ESHOP_AMOUNT_MISMATCH: { status: 409, en: 'The event pays {sent}, the payment is for {amount}.', 'zh-CN': '事件支付金额为 {sent}，应付金额为 {amount}。' },
  ESHOP_REFUND_NOT_PAID: { status: 409, en: 'Only a paid payment can be refunded (this one is {status}).', 'zh-CN': '只有已付款的款项可以退款（当前为 {status}）。' },
  ESHOP_REFUND_EXCEEDS: { status: 409, en: 'A refund of {amount} exceeds what is left to refund ({left}).', 'zh-CN': '退款 {amount} 超过可退金额（{left}）。' },
  ESHOP_REFUND_AMOUNT: { status: 422, en: 'The refund amount must be more than zero, with at most two decimals.', 'zh-CN': '退款金额必须大于零，最多两位小数。' },
  ESHOP_TEST_PROVIDER_OFF: { status: 404, en: 'The test payment provider is switched off for this store.', 'zh-CN': '本店已关闭测试支付。' },
  ESHOP_CART_MERGED: { status: 409, en: 'This cart was moved into your account\'s cart when you signed in.', 'zh-CN': '登录时该购物车已并入您账户的购物车。' },
  ESHOP_STOCK_RESERVED: { status: 409, en: 'Order {order} cannot ship: stock is held for other orders — {products}.', 'zh-CN': '订单 {order} 无法发货：库存已为其他订单预留——{products}。' },
  ESHOP_IMAGE_NOT_FOUND: { status: 404, en: 'No such product image.', 'zh-CN': '产品图片不存在。' },
  ESHOP_PORTAL_NO_CUSTOMER: { status: 403, en: 'Your portal account is not linked to a customer, so it cannot place orders.', 'zh-CN': '您的门户账户未关联客户，无法下单。' },
};
