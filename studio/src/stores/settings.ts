import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BusinessCalendar, TenantTime } from '../../../core/time/index.js';
import { DEFAULT_CALENDAR, todayIn } from '../../../core/time/index.js';
import { api } from '../api/http.js';

/** The tenant's settings (GET|PUT /api/settings) and their version. */
export interface TenantSettings {
  timeZone: string;
  currency: string;
  locale: 'en' | 'zh-CN';
  weekStart: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  fiscalYearStart: number;
  businessCalendar: BusinessCalendar;
  /** Days a deleted record stays in the recycle bin before the schedule purges it. */
  recycleBinDays?: number;
  /** OpenID Connect sign-in; the server answers `clientSecretSet`, never the secret. */
  singleSignOn?: SingleSignOnSettings;
  version: number;
}

export interface SingleSignOnSettings {
  enabled?: boolean;
  name: string;
  issuer: string;
  clientId: string;
  /** Write-only: sent only to replace the stored one. */
  clientSecret?: string;
  clientSecretSet?: boolean;
  scopes?: string[];
  createUsers?: boolean;
  roleClaim?: string;
  roleMap?: Record<string, string[]>;
  defaultRoles?: string[];
}

/**
 * The tenant's settings: every signed-in user reads them (the app's $today is the day in
 * the tenant's zone); tenant admins save them with the version they read.
 */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<TenantSettings | null>(null);
  let loaded: Promise<void> | undefined;

  const refresh = async (): Promise<TenantSettings> => {
    settings.value = await api.get<TenantSettings>('/api/settings');
    return settings.value;
  };
  const load = (): Promise<void> => {
    loaded ??= refresh().then(
      () => undefined,
      (e) => {
        loaded = undefined;
        throw e;
      },
    );
    return loaded;
  };
  const save = async (doc: Omit<TenantSettings, 'version'>, version: number): Promise<TenantSettings> => {
    settings.value = await api.put<TenantSettings>('/api/settings', doc, { 'If-Match': String(version) });
    return settings.value;
  };

  /** The zone and business calendar rules evaluate with (UTC and weekdays 9–18 until loaded). */
  const time = computed<TenantTime>(() => ({ timeZone: settings.value?.timeZone ?? 'UTC', calendar: settings.value?.businessCalendar ?? DEFAULT_CALENDAR }));
  const today = (now = new Date()): string => todayIn(time.value.timeZone, now);

  return { settings, load, refresh, save, time, today };
});
