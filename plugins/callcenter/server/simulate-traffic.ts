import { invalidInput, problem, type PluginRouteContext } from '../../../core/index.js';
import { settingsRow } from './settings.js';

export interface SimulationRequest {
  /** How long the simulator's callers ring in (0 stops them). */
  minutes: number;
  callsPerMinute: number;
}

export const parseSimulation = (body: unknown): SimulationRequest => {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: { field: string; message: string; code: string }[] = [];
  if (!Number.isInteger(b.minutes) || (b.minutes as number) < 0 || (b.minutes as number) > 60) errors.push({ field: 'minutes', message: 'must be a whole number from 0 to 60', code: 'RANGE' });
  if (typeof b.callsPerMinute !== 'number' || !Number.isFinite(b.callsPerMinute) || b.callsPerMinute < 1 || b.callsPerMinute > 120) errors.push({ field: 'callsPerMinute', message: 'must be a number from 1 to 120', code: 'RANGE' });
  if (errors.length) throw invalidInput('The simulated traffic is not valid', errors);
  return { minutes: b.minutes as number, callsPerMinute: b.callsPerMinute as number };
};

/**
 * A manager starts (or stops, with 0 minutes) the simulator's scripted callers from the
 * wallboard: the request is kept on the tenant's settings — written through the record
 * service, so only who may edit the settings may ask — and the gateway running the
 * simulator hears it on its next heartbeat. Refused unless the simulator is the selected
 * adapter: traffic is never made up on a real telephone system.
 */
export const requestSimulation = async (input: SimulationRequest, ctx: PluginRouteContext, now = Date.now()) => {
  const row = await settingsRow(ctx.records);
  if (row && row.adapter !== 'simulator') throw problem('CALLCENTER_NOT_SIMULATOR');
  const patch = { simulate_until: input.minutes ? new Date(now + input.minutes * 60_000).toISOString() : null, simulate_calls_per_minute: input.callsPerMinute };
  const saved = row
    ? await ctx.records.update('callcenter_settings', String(row.id), patch, { ifMatch: Number(row.version) })
    : await ctx.records.create('callcenter_settings', { name: 'default', adapter: 'simulator', ...patch });
  return { until: saved.simulate_until ?? null, callsPerMinute: Number(saved.simulate_calls_per_minute) };
};
