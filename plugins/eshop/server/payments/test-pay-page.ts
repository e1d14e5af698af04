import { problem, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../../core/index.js';
import { findOne, money } from '../records.js';
import { storeSettings } from '../settings.js';
import { signatureHeader } from './signature.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const zh = (query: Record<string, unknown>, headers: Record<string, string | undefined>): boolean =>
  query.lang === 'zh-CN' || (query.lang === undefined && /^zh/i.test(headers['accept-language'] ?? ''));

const TEXT = {
  en: { title: 'Test payment', order: 'Order', amount: 'Amount', pay: 'Pay', fail: 'Fail', cancel: 'Cancel', note: 'A test provider: no money moves.', sent: 'Thank you. The result goes to the store; it shows your order once the payment is confirmed.', back: 'Back to the store' },
  zh: { title: '测试支付', order: '订单', amount: '金额', pay: '支付', fail: '支付失败', cancel: '取消', note: '测试支付服务商：不会产生真实扣款。', sent: '谢谢。结果已发送给商店；付款确认后即可看到订单状态。', back: '返回商店' },
};

const page = (lang: 'en' | 'zh', body: string): string => `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TEXT[lang].title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#222}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px}
form{display:inline}button{font-size:16px;padding:10px 18px;margin:6px 6px 0 0;border-radius:6px;border:1px solid #999;background:#fff}button.pay{background:#1677ff;color:#fff;border-color:#1677ff}small{color:#666}</style>
</head><body>${body}</body></html>`;

const paymentOf = async (ctx: PluginRouteContext, ref: string): Promise<RecordData> => {
  const settings = await storeSettings(ctx.records);
  if (!settings.testProvider) throw problem('ESHOP_TEST_PROVIDER_OFF');
  const payment = /^tp_[0-9a-f]{24}$/.test(ref) ? await findOne(ctx.records, 'payment', { and: [{ '==': [{ var: 'provider' }, 'test'] }, { '==': [{ var: 'provider_ref' }, ref] }] }, ['amount', 'currency', 'status', 'return_url', 'sales_order.code']) : undefined;
  if (!payment) throw problem('ESHOP_PAYMENT_NOT_FOUND');
  return payment;
};

/** GET /test-pay/:ref: the test provider's hosted page, with pay / fail / cancel buttons. */
export const testPayPage: PluginRouteDef = {
  method: 'GET',
  path: '/test-pay/:ref',
  public: true,
  publicRoles: ['eshop_storefront'],
  async handler(req, ctx) {
    const lang = zh(req.query, req.headers) ? 'zh' : 'en';
    const t = TEXT[lang];
    const p = await paymentOf(ctx, req.params.ref);
    const action = (what: string, cls = '') => `<form method="post" action="${esc(req.params.ref)}/${what}"><button class="${cls}" name="lang" value="${lang === 'zh' ? 'zh-CN' : 'en'}">${t[what as 'pay']}</button></form>`;
    const buttons = p.status === 'pending' ? `${action('pay', 'pay')}${action('fail')}${action('cancel')}` : `<p>${esc(p.status)}</p>`;
    return page(lang, `<h1>${t.title}</h1><dl><dt>${t.order}</dt><dd>${esc((p as Record<string, unknown>)['sales_order.code'])}</dd><dt>${t.amount}</dt><dd>${esc(money(p.amount).toFixed(2))} ${esc(p.currency)}</dd></dl>${buttons}<p><small>${t.note}</small></p>`);
  },
};

const OUTCOME: Record<string, string> = { pay: 'payment.succeeded', fail: 'payment.failed', cancel: 'payment.cancelled' };

/** Where the provider sends its webhooks: the server's public address, else the address the page was asked on (loopback). */
const webhookBase = (headers: Record<string, string | undefined>): string => process.env.CRM_PUBLIC_URL?.replace(/\/+$/, '') || `http://127.0.0.1:${(headers.host ?? '').split(':')[1] ?? '80'}`;

/**
 * POST /test-pay/:ref/:outcome (pay | fail | cancel): the buyer's choice on the hosted page.
 * Like a real provider, the test provider tells the store by a signed webhook sent once
 * this answer is out; the page itself changes nothing and proves nothing.
 */
export const testPayChoice: PluginRouteDef = {
  method: 'POST',
  path: '/test-pay/:ref/:outcome',
  public: true,
  publicRoles: ['eshop_storefront'],
  async handler(req, ctx) {
    const type = Object.hasOwn(OUTCOME, req.params.outcome) ? OUTCOME[req.params.outcome] : undefined;
    if (!type) throw problem('ESHOP_WEBHOOK_INVALID', { reason: `unknown outcome ${req.params.outcome.slice(0, 20)}` });
    const p = await paymentOf(ctx, req.params.ref);
    if (p.status !== 'pending') throw problem('ESHOP_PAYMENT_CLOSED', { status: String(p.status) });
    const { webhookSecret } = await storeSettings(ctx.records);
    const body = JSON.stringify({ id: `evt_${p.id}_${req.params.outcome}`, type, payment: req.params.ref, amount: money(p.amount) });
    const url = `${webhookBase(req.headers)}/api/public/${ctx.tenant.slug}/payments/test/webhook`;
    setTimeout(() => {
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-eshop-signature': signatureHeader(webhookSecret, body) }, body }).catch(() => undefined);
    }, 50);
    const lang = (req.body as Record<string, unknown> | undefined)?.lang === 'zh-CN' ? 'zh' : 'en';
    return page(lang, `<h1>${TEXT[lang].title}</h1><p>${TEXT[lang].sent}</p><p><a href="${esc(p.return_url)}">${TEXT[lang].back}</a></p>`);
  },
};
