import { invalidInput, type PluginRouteContext } from '../../../core/index.js';
import type { CollectOptions, Prompt } from '../cti/contract.js';
import { runMenu, type IvrMenu, type IvrResult } from '../ivr/menu.js';
import { refuseFaultyMenu, tenantMenu } from './ivr-menus.js';

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

/** A draft sent with a dry run (the editor's unsaved menu), refused like a save when the menu check finds a problem. */
const draftOf = (draft: unknown, name: string): IvrMenu => {
  refuseFaultyMenu(draft, 'menu');
  return { ...(draft as IvrMenu), name };
};

/**
 * A dry run of a menu: a caller pressing `digits` (one entry per prompt that collects:
 * a menu key, or a lookup's number) goes through it with nothing dialled — what they hear,
 * in `locale`, and where they end. The menu is the tenant's (its record, else the shipped
 * document), or the unsaved draft in `menu`. Lookups run as the asking user may read.
 */
export const ivrDryRun = async (name: string, body: Record<string, unknown>, ctx: PluginRouteContext): Promise<{ result: IvrResult; prompts: string[] }> => {
  const menu = body.menu === undefined ? await tenantMenu(name, ctx.records) : draftOf(body.menu, name);
  const digits = body.digits ?? [];
  if (!Array.isArray(digits) || digits.length > 20 || digits.some((d) => typeof d !== 'string' || !/^[0-9*#]{0,12}$/.test(d))) throw invalidInput('The dry run is not valid', [{ field: 'digits', message: 'must be a list of at most 20 key sequences (0-9, *, #)', code: 'FORMAT' }]);
  const locale = body.locale === 'en' ? 'en' : 'zh-CN';
  const prompts: string[] = [];
  let turn = 0;
  const caller = {
    answer: async () => undefined,
    hangup: async () => undefined,
    playPrompt: async (_id: string, p: Prompt) => void prompts.push(p.text ?? p.audio ?? ''),
    // The scripted keys, ended by the terminator; no key when the script runs out (the menu's time-out).
    collectDigits: async (_id: string, o: CollectOptions) => String(digits[turn++] ?? '').split(o.terminator ?? '\u0000')[0].slice(0, o.max),
  };
  const result = await runMenu(menu, 'dry-run', caller, async (lookup, entered) => (await ivrLookup({ lookup, digits: entered, locale }, ctx)).values, locale);
  return { result, prompts };
};
