import { createRecord, listRecords, updateRecord, type RecordContext } from '../../../core/index.js';
import { newSecret } from '../server/settings.js';

/** The store's settings record with its webhook signing secret (every install). */
export const seedStoreSettings = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const existing = await listRecords('store_settings', { filter: { '==': [{ var: 'name' }, 'default'] }, limit: 1 }, ctx);
  if (existing.data.length) return { store_settings: 0 };
  await createRecord('store_settings', { name: 'default', reservation_minutes: 30, cart_days: 7, test_provider: true, webhook_secret: newSecret() }, ctx);
  return { store_settings: 1 };
};

/** Demo products shown in the store at /store/demo: hardware, accessories, consumables, software and the bundle. */
export const DEMO_PUBLISHED = ['HW-NB-14', 'HW-MON-27', 'HW-PRN-A4', 'HW-UPS-3K', 'HW-SW-48', 'AC-MOUSE', 'AC-KB', 'CS-TONER-88', 'CS-PAPER-A4', 'CS-INK-BK', 'SW-CRM-STD', 'SW-AV-100', 'SV-TRAIN', 'BD-OFFICE'];

export const seedDemoStore = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const page = await listRecords('product', { filter: { in: [{ var: 'sku' }, DEMO_PUBLISHED] }, fields: ['id', 'sku'], limit: 100 }, ctx);
  for (const p of page.data) await updateRecord('product', String(p.id), { published: true }, ctx);
  return { product: page.data.length, ...(await markStoreOrders(ctx)) };
};

/** The newest paid-or-later demo orders came from the store: their source says so and each has its test-provider payment. */
const markStoreOrders = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const orders = await listRecords('sales_order', { filter: { in: [{ var: 'status' }, ['paid', 'shipped', 'completed']] }, sort: '-order_date', limit: 8, fields: ['id', 'total', 'paid_on'] }, ctx);
  for (const [i, o] of orders.data.entries()) {
    await updateRecord('sales_order', String(o.id), { source: 'store' }, ctx);
    const paidAt = o.paid_on ? `${String(o.paid_on).slice(0, 10)}T10:00:00Z` : new Date().toISOString();
    await createRecord('payment', { sales_order: o.id, provider: 'test', provider_ref: `tp_demo${String(i).padStart(17, '0')}`, amount: Number(o.total ?? 0), refunded_amount: 0, status: 'paid', paid_at: paidAt }, ctx);
  }
  return { payment: orders.data.length };
};
