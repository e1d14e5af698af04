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
  /** Days a deleted record stays in the recycle bin before it is purged (by the schedule, or earlier by no one); default 30. */
  recycleBinDays?: number;
  /** A bulk mail to more recipients than this needs confirming (unset: core/work's default). */
  bulkMailConfirmAbove?: number;
  /** Messages the tenant's bulk mail sends per minute at most (unset: core/work's default). */
  bulkMailPerMinute?: number;
  /** OpenID Connect sign-in; the client secret never appears here (see readSingleSignOn). */
  singleSignOn?: SingleSignOnSettings;
}

/** A tenant's OpenID Connect provider as settings show it: `clientSecretSet` instead of the secret. */
export interface SingleSignOnSettings {
  enabled?: boolean;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretSet?: boolean;
  scopes?: string[];
  createUsers?: boolean;
  roleClaim?: string;
  roleMap?: Record<string, string[]>;
  defaultRoles?: string[];
}

/** The settings and their version (0: never saved, the defaults). */
export interface StoredSettings extends TenantSettings {
  version: number;
}

/** Days a deleted record stays in the recycle bin unless the settings say otherwise (`recycleBinDays`). */
export const DEFAULT_RECYCLE_BIN_DAYS = 30;

export const DEFAULT_SETTINGS: TenantSettings = {
  timeZone: 'UTC',
  currency: 'USD',
  locale: 'en',
  weekStart: 'mon',
  fiscalYearStart: 1,
  businessCalendar: DEFAULT_CALENDAR,
  recycleBinDays: DEFAULT_RECYCLE_BIN_DAYS,
};

const table = (tenant: Pick<Tenant, 'schema'>): string => `${tenant.schema}._settings`;

const cache = new LruMap<string, { revision: number; settings: Promise<StoredSettings> }>(tenantCacheSize);

/** The stored document as is (with the single sign-on client secret). */
const loadRaw = async (knex: Knex, tenant: Pick<Tenant, 'schema'>): Promise<{ doc: Record<string, unknown>; version: number }> => {
  const row = await knex(table(tenant)).where({ id: 1 }).first('doc', 'version');
  return row ? { doc: row.doc as Record<string, unknown>, version: Number(row.version) } : { doc: {}, version: 0 };
};

/** The single sign-on entry without its secret: `clientSecretSet` says whether one is stored. */
const withoutSecret = (sso: unknown): SingleSignOnSettings | undefined => {
  if (!sso || typeof sso !== 'object') return undefined;
  const { clientSecret, clientSecretSet: _set, ...rest } = sso as Record<string, unknown>;
  return { ...(rest as unknown as SingleSignOnSettings), clientSecretSet: typeof clientSecret === 'string' && clientSecret !== '' };
};

const load = async (knex: Knex, tenant: Pick<Tenant, 'schema'>): Promise<StoredSettings> => {
  const { doc, version } = await loadRaw(knex, tenant);
  const { singleSignOn, ...rest } = doc;
  const sso = withoutSecret(singleSignOn);
  return { ...DEFAULT_SETTINGS, ...(rest as Partial<TenantSettings>), ...(sso ? { singleSignOn: sso } : {}), version };
};

/** The tenant's single sign-on with its client secret, for the sign-in itself (never for an answer). */
export const readSingleSignOn = async (knex: Knex, tenant: Pick<Tenant, 'schema'>): Promise<(SingleSignOnSettings & { clientSecret?: string }) | undefined> => {
  const sso = (await loadRaw(knex, tenant)).doc.singleSignOn;
  return sso && typeof sso === 'object' ? (sso as SingleSignOnSettings & { clientSecret?: string }) : undefined;
};

/** A new single sign-on entry keeps the stored secret unless it names one (or `clientSecret: null`, which removes it). */
const mergeSingleSignOn = (stored: unknown, given: unknown): unknown => {
  if (!given || typeof given !== 'object' || Array.isArray(given)) return given;
  const { clientSecretSet: _set, ...next } = given as Record<string, unknown>;
  if (next.clientSecret === null) {
    delete next.clientSecret;
    return next;
  }
  const kept = (stored as { clientSecret?: unknown } | undefined)?.clientSecret;
  return next.clientSecret === undefined && typeof kept === 'string' ? { ...next, clientSecret: kept } : next;
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
    const current = await loadRaw(trx, tenant);
    const stored = { ...DEFAULT_SETTINGS, ...current.doc } as Record<string, unknown>;
    const { version: asked, ...given } = input as Record<string, unknown>;
    const expected = opts.ifMatch ?? (typeof asked === 'number' ? asked : undefined);
    if (expected !== undefined && expected !== current.version) throw problem('VERSION_CONFLICT', {}, { currentVersion: current.version });
    const doc: Record<string, unknown> = { ...stored, ...given };
    if ('singleSignOn' in given) {
      if (given.singleSignOn === null) delete doc.singleSignOn;
      else doc.singleSignOn = mergeSingleSignOn(stored.singleSignOn, given.singleSignOn);
    }
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
    const { singleSignOn, ...rest } = doc;
    const sso = withoutSecret(singleSignOn);
    return { ...(rest as unknown as TenantSettings), ...(sso ? { singleSignOn: sso } : {}), version };
  });
};

/**
 * The language of texts the tenant's own work writes into records (a subject a schedule or a
 * hook makes): the settings' locale; English for work outside a tenant (low-level tests).
 */
export const localeOfWork = async (ctx: { db: Knex; tenant?: Pick<Tenant, 'id' | 'schema' | 'metaRevision'> }): Promise<TenantSettings['locale']> =>
  ctx.tenant ? (await readTenantSettings(ctx.db, ctx.tenant)).locale : 'en';

/** A tenant's language from its settings (for messages to people a request does not name); English when it has none. */
export const tenantLocaleFrom = (knex: Knex) => async (tenant: { id: string }): Promise<TenantSettings['locale']> => {
  const found = await findTenantById(knex, tenant.id);
  return found ? (await readTenantSettings(knex, found)).locale : 'en';
};
