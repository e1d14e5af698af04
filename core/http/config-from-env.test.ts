import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { RATE_LIMIT_DEFAULTS } from '../security/index.js';
import { appConfigFromEnv } from './config-from-env.js';

describe('rate limits from the configuration', () => {
  it('takes requests per minute, 0 for off, and the defaults when unset', () => {
    expect(appConfigFromEnv(loadConfig({})).rateLimits).toEqual(RATE_LIMIT_DEFAULTS);
    expect(appConfigFromEnv(loadConfig({ CRM_RATE_LIMIT_PER_KEY: '120', CRM_RATE_LIMIT_PER_TENANT: '0', CRM_RATE_LIMIT_PER_ADDRESS: '30' })).rateLimits).toEqual({ perKey: 120, perTenant: 0, perAddress: 30 });
  });

  it('refuses a value that is not a whole number of requests, naming the variable', () => {
    expect(() => loadConfig({ CRM_RATE_LIMIT_PER_KEY: 'lots' })).toThrow(/CRM_RATE_LIMIT_PER_KEY/);
    expect(() => loadConfig({ CRM_RATE_LIMIT_PER_ADDRESS: '-1' })).toThrow(/CRM_RATE_LIMIT_PER_ADDRESS/);
  });
});
