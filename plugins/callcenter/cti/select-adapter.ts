import { AriAdapter } from './ari-adapter.js';
import type { CtiAdapter } from './contract.js';
import { TelephonySimulator, type SimulatorOptions } from './simulator.js';
import type { CallCenterSettings } from '../server/settings.js';

/** What the gateway knows that the tenant's settings do not hold: the ARI password, the simulator's knobs. */
export interface AdapterSecrets {
  ariPassword?: string;
  simulator?: SimulatorOptions;
}

/** A setting the chosen adapter needs and the tenant has not given. */
export class AdapterConfigError extends Error {
  constructor(readonly missing: string[]) {
    super(`The Asterisk ARI adapter needs: ${missing.join(', ')}`);
  }
}

/**
 * The CTI adapter the tenant's settings select. `asterisk_ari` is the ARI adapter over
 * REST + WebSocket; it passes the contract suite against a fake ARI server and has not
 * been run against a live Asterisk.
 */
export const selectAdapter = (settings: Pick<CallCenterSettings, 'adapter' | 'ari'>, secrets: AdapterSecrets = {}): CtiAdapter => {
  if (settings.adapter === 'simulator') return new TelephonySimulator(secrets.simulator);
  const { url, user, app, tech } = settings.ari;
  const missing = [!url && 'ari_url', !user && 'ari_user', !secrets.ariPassword && 'password'].filter((x): x is string => Boolean(x));
  if (missing.length) throw new AdapterConfigError(missing);
  return new AriAdapter({ url: url!, user: user!, password: secrets.ariPassword!, app, tech });
};
