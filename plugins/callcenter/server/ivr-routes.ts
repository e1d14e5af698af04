import { readFileSync } from 'node:fs';
import { invalidInput, notFound, type PluginRouteContext } from '../../../core/index.js';
import type { IvrMenu } from '../ivr/menu.js';

const MENUS = ['main_menu'];

/** An IVR menu document by name (plugins/callcenter/ivr/<name>.json), for the gateway that runs it. */
export const ivrMenu = (name: string): IvrMenu => {
  if (!MENUS.includes(name)) throw notFound(`There is no IVR menu ${name}`);
  return JSON.parse(readFileSync(new URL(`../ivr/${name}.json`, import.meta.url), 'utf8')) as IvrMenu;
};

/**
 * The IVR's self-service lookups. `customer_orders`: the customer number entered (the
 * digits of KH000042) → the customer's name and their latest order with its status, read
 * as the gateway's account may.
 */
export const ivrLookup = async (body: Record<string, unknown>, ctx: PluginRouteContext): Promise<{ values: Record<string, string> | null }> => {
  const digits = typeof body.digits === 'string' ? body.digits : '';
  if (body.lookup !== 'customer_orders' || !/^\d{1,12}$/.test(digits)) throw invalidInput('The lookup is not valid', [{ field: body.lookup !== 'customer_orders' ? 'lookup' : 'digits', message: 'is not valid', code: 'FORMAT' }]);
  const locale = body.locale === 'en' ? 'en' : 'zh-CN';
  const code = `KH${digits.padStart(6, '0')}`;
  const customer = (await ctx.records.list('customer', { filter: { '==': [{ var: 'code' }, code] }, fields: ['id', 'name'], limit: 1 })).data[0];
  if (!customer) return { values: null };
  const values: Record<string, string> = { name: String(customer.name), order: '—', status: '—' };
  if (ctx.meta.entities.sales_order) {
    const order = (await ctx.records.list('sales_order', { filter: { '==': [{ var: 'customer' }, customer.id] }, sort: '-created_at', fields: ['code', 'status'], limit: 1 })).data[0];
    if (order) {
      const field = ctx.meta.entities.sales_order.fields.status as { dictionary?: string } | undefined;
      const dictionary = field?.dictionary;
      const item = dictionary ? ctx.meta.dictionaries[dictionary]?.items.find((i) => i.value === order.status) : undefined;
      Object.assign(values, { order: String(order.code), status: String(item?.label[locale] ?? order.status ?? '—') });
    }
  }
  return { values };
};
