import type { RecordData, RouteRecords } from '../../../core/index.js';
import type { AdapterName } from '../cti/contract.js';

/** The tenant's call-center settings (the `callcenter_settings` record named `default`): which CTI adapter the gateway runs and how incoming calls are greeted. */
export interface CallCenterSettings {
  adapter: AdapterName;
  /** Asterisk ARI (adapter `asterisk_ari`); the password is the gateway's own secret, never stored here. */
  ari: { url: string | null; user: string | null; app: string; tech: string };
  /** The IVR menu incoming calls go through before a queue (null: straight to routing). */
  ivrMenu: string | null;
  ivrLocale: 'en' | 'zh-CN';
  /** How often a waiting caller hears their place and wait (0: never). */
  announceSeconds: number;
  /** The number outbound calls present (E.164), or null for the line's own. */
  callerId: string | null;
  /** The tenant's cap on the abandoned share of predictive calls over the rolling window (0.03 = 3 %); a call list may set a lower one. */
  abandonCap: number;
  /** Demo traffic a manager asked for from the wallboard: the simulator's callers until then (simulator only). */
  simulation: { until: string; callsPerMinute: number } | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

const simulationOf = (row: RecordData | null, now: number): CallCenterSettings['simulation'] => {
  const until = row?.simulate_until ? Date.parse(String(row.simulate_until)) : NaN;
  const rate = Number(row?.simulate_calls_per_minute ?? 0);
  return row?.adapter !== 'asterisk_ari' && until > now && rate > 0 ? { until: new Date(until).toISOString(), callsPerMinute: rate } : null;
};

export const settingsOf = (row: RecordData | null, now = Date.now()): CallCenterSettings => ({
  adapter: row?.adapter === 'asterisk_ari' ? 'asterisk_ari' : 'simulator',
  ari: { url: text(row?.ari_url), user: text(row?.ari_user), app: text(row?.ari_app) ?? 'crm', tech: text(row?.ari_tech) ?? 'PJSIP' },
  ivrMenu: row ? text(row.ivr_menu) : 'main_menu',
  ivrLocale: row?.ivr_locale === 'en' ? 'en' : 'zh-CN',
  announceSeconds: row?.announce_seconds === undefined || row?.announce_seconds === null ? 30 : Number(row.announce_seconds),
  callerId: text(row?.outbound_caller_id),
  abandonCap: row?.abandon_cap === undefined || row?.abandon_cap === null ? 0.03 : Number(row.abandon_cap) / 100,
  simulation: simulationOf(row, now),
});

/** The settings record itself (`default`), as `records` may read it, or null. */
export const settingsRow = async (records: RouteRecords): Promise<RecordData | null> =>
  (await records.list('callcenter_settings', { filter: { '==': [{ var: 'name' }, 'default'] }, limit: 1 })).data[0] ?? null;

/** The settings as `records` may read them; the defaults (simulator, main menu) when the tenant saved none. */
export const readCallCenterSettings = async (records: RouteRecords, now = Date.now()): Promise<CallCenterSettings> => settingsOf(await settingsRow(records), now);
