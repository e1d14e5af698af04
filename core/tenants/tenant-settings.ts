import type { Knex } from 'knex';
import { LruMap, tenantCacheSize } from '../config/index.js';
import { invalidInput, problem } from '../errors.js';
import type { Tenant } from '../db/tenant.js';
import { DEFAULT_CALENDAR, type BusinessCalendar, type TenantTime, type Weekday } from '../time/index.js';
import { settingsProblems } from './settings-schema.js';
import { bumpMetaRevision, findTenantById, lockTenantRow } from './tenant-store.js';

/** A tenant's settings (DESIGN §12): zone, currency, locale, week start, fiscal year start month, business calendar. */
export interface TenantSettings {
  timeZone: string;
  currency: string;
  locale: 'en' | 'zh-CN';
  weekStart: Weekday;
  fiscalYearStart: number;
  businessCalendar: BusinessCalendar;
  /** Days a deleted record stays in the recycle bin before a tenant admin may purge it (unset: 30). */
  recycleBinDays?: number;
  /** A bulk mail to more recipients than this needs confirming (unset: core/work's default). */
  bulkMailConfirmAbove?: number;
  /** Messages the tenant's bulk mail sends per minute at most (unset: core/work's default). */
  bulkMailPerMinute?: number;
}

/** The settings and their version (0: never saved, the defaults). */
export interface StoredSettings extends TenantSettings {
  version: number;
}

export const DEFAULT_SETTINGS: TenantSettings = {
  timeZone: 'UTC',
  currency: 'USD',
  locale: 'en',
  weekStart: 'mon',
  fiscalYearStart: 1,
  businessCalendar: DEFAULT_CALENDAR,
};

const table = (tenant: Pick<Tenant, 'schema'>): string => `${tenant.schema}._settings`;

const cache = new LruMap<string, { revision: number; settings: Promise<StoredSettings> }>(tenantCacheSize);

const load = async (knex: Knex, tenant: Pick<Tenant, 'schema'>): Promise<StoredSettings> => {
  const row = await knex(table(tenant)).where({ id: 1 }).first('doc', 'version');
  return row ? { ...DEFAULT_SETTINGS, ...(row.doc as Partial<TenantSettings>), version: Number(row.version) } : { ...DEFAULT_SETTINGS, version: 0 };
};

/**
 * The tenant's settings, defaults where it has none. Works with the engine's handle or a
 * tenant transaction. Cached in the process per tenant (the CRM_TENANT_CACHE_SIZE most
 * recently used) and metadata revision (saving
 * settings bumps the revision), so a request pays for it once per change.
 */
export const readTenantSettings = (knex: Knex, tenant: Pick<Tenant, 'id' | 'schema' | 'metaRevision'>): Promise<StoredSettings> => {
  const hit = cache.get(tenant.id);
  if (hit && hit.revision === tenant.metaRevision) return hit.settings;
  const settings = load(knex, tenant);
  const entry = { revision: tenant.metaRevision, settings };
  cache.set(tenant.id, entry);
  settings.catch(() => cache.delete(tenant.id, entry));
  return settings;
};

/** The zone and business calendar the rule language and the workflows use. */
export const tenantTimeOf = (settings: TenantSettings): TenantTime => ({ timeZone: settings.timeZone, calendar: settings.businessCalendar });

export interface SettingsWriter {
  id: string;
  isAdmin: boolean;
}

/**
 * Saves the tenant's settings (tenant admins only): the top-level settings the input
 * names replace the stored ones, the others stay. `ifMatch` (the version read) makes a
 * concurrent save a 409. Every problem is reported at once (400) and nothing changes.
 * Bumps the metadata revision so every process reads the new settings.
 */
export const saveTenantSettings = async (
  knex: Knex,
  tenant: Tenant,
  actor: SettingsWriter,
  input: unknown,
  opts: { ifMatch?: number } = {},
): Promise<StoredSettings> => {
  if (!actor.isAdmin) throw problem('ADMINS_ONLY');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidInput('The settings must be a JSON object', [{ field: '', message: 'expected an object' }]);
  return knex.transaction(async (trx) => {
    await lockTenantRow(trx, tenant);
    const current = await load(trx, tenant);
    const { version: _v, ...stored } = current;
    const { version: asked, ...given } = input as Record<string, unknown>;
    const expected = opts.ifMatch ?? (typeof asked === 'number' ? asked : undefined);
    if (expected !== undefined && expected !== current.version) throw problem('VERSION_CONFLICT', {}, { currentVersion: current.version });
    const doc = { ...stored, ...given };
    const problems = settingsProblems(doc);
    if (problems.length) throw invalidInput('The settings are not valid', problems);
    const version = current.version + 1;
    await trx(table(tenant))
      .insert({ id: 1, doc: JSON.stringify(doc), version, updated_at: trx.fn.now(), updated_by: actor.id })
      .onConflict('id')
      .merge();
    await bumpMetaRevision(trx, tenant);
    await trx('crm_system.audit_log').insert({
      tenant_id: tenant.id,
      actor_id: /^[0-9a-f-]{36}$/i.test(actor.id) ? actor.id : null,
      action: 'settings.update',
      target: `version:${version}`,
      details: JSON.stringify({ changed: Object.keys(given) }),
    });
    return { ...(doc as TenantSettings), version };
  });
};

/** A tenant's language from its settings (for messages to people a request does not name); English when it has none. */
export const tenantLocaleFrom = (knex: Knex) => async (tenant: { id: string }): Promise<TenantSettings['locale']> => {
  const found = await findTenantById(knex, tenant.id);
  return found ? (await readTenantSettings(knex, found)).locale : 'en';
};
