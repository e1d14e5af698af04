import { randomBytes } from 'node:crypto';
import { readTenantSettings, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { findOne, type Records } from './records.js';

/** The store's settings record (one per tenant, named `default`). */
export interface StoreSettings {
  reservationMinutes: number;
  cartDays: number;
  testProvider: boolean;
  webhookSecret: string;
}

const DEFAULTS = { reservation_minutes: 30, cart_days: 7, test_provider: true };

const shape = (r: RecordData): StoreSettings => ({
  reservationMinutes: Number(r.reservation_minutes ?? DEFAULTS.reservation_minutes),
  cartDays: Number(r.cart_days ?? DEFAULTS.cart_days),
  testProvider: r.test_provider !== false,
  webhookSecret: String(r.webhook_secret ?? ''),
});

/** A fresh signing secret for provider webhooks. */
export const newSecret = (): string => randomBytes(32).toString('hex');

/** The settings record as it is, or undefined (reads only: for GET routes). */
export const readStoreSettings = async (records: Records): Promise<StoreSettings> => {
  const row = await findOne(records, 'store_settings', { '==': [{ var: 'name' }, 'default'] });
  return shape(row ?? { ...DEFAULTS });
};

/** The settings record, made with a signing secret when the tenant has none yet (for POST routes and hooks). */
export const storeSettings = async (records: Records): Promise<StoreSettings> => {
  const row = await findOne(records, 'store_settings', { '==': [{ var: 'name' }, 'default'] });
  if (row && row.webhook_secret) return shape(row);
  if (row) return shape(await records.update('store_settings', String(row.id), { webhook_secret: newSecret() }));
  return shape(await records.create('store_settings', { name: 'default', ...DEFAULTS, webhook_secret: newSecret() }));
};

/** The tenant's currency and zone (DESIGN §12 settings), read once per tenant and metadata revision. */
export interface StoreLocale {
  currency: string;
  timeZone: string;
}

const locales = new Map<string, { revision: number; locale: StoreLocale }>();

export const tenantLocale = async (ctx: PluginRouteContext): Promise<StoreLocale> => {
  const hit = locales.get(ctx.tenant.id);
  if (hit && hit.revision === ctx.tenant.metaRevision) return hit.locale;
  const s = await ctx.system((db) => readTenantSettings(db, ctx.tenant));
  const locale = { currency: s.currency, timeZone: s.timeZone };
  locales.set(ctx.tenant.id, { revision: ctx.tenant.metaRevision, locale });
  return locale;
};

/** Why the store's public routes read settings as the system (declared on each such route, audited per read). */
export const SETTINGS_ACCESS = 'reads the tenant settings (currency, time zone) to price the catalogue and date orders';
