import { describe, expect, it } from 'vitest';
import { isConfigError, loadConfig } from '../config/index.js';
import { workerSettingsFromEnv } from './worker-settings.js';

describe('workflow worker settings from the environment', () => {
  it('defaults to a 30 s lease renewed every 10 s, and the worker’s own concurrency', () => {
    expect(workerSettingsFromEnv(loadConfig({}))).toEqual({ leaseSeconds: 30, heartbeatSeconds: 10 });
    expect(workerSettingsFromEnv(loadConfig({ CRM_WORKFLOW_LEASE_SECONDS: '60', CRM_WORKFLOW_HEARTBEAT_SECONDS: '30', CRM_WORKFLOW_CONCURRENCY: '8' }))).toEqual({ leaseSeconds: 60, heartbeatSeconds: 30, concurrency: 8 });
  });

  it('refuses a lease out of range and a heartbeat slower than half the lease, naming the variable', () => {
    expect(() => loadConfig({ CRM_WORKFLOW_LEASE_SECONDS: '5' })).toThrow(/CRM_WORKFLOW_LEASE_SECONDS must be at least 10/);
    expect(() => loadConfig({ CRM_WORKFLOW_CONCURRENCY: '0' })).toThrow(/CRM_WORKFLOW_CONCURRENCY must be at least 1/);
    let error: unknown;
    try {
      workerSettingsFromEnv(loadConfig({ CRM_WORKFLOW_LEASE_SECONDS: '30', CRM_WORKFLOW_HEARTBEAT_SECONDS: '20' }));
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain('CRM_WORKFLOW_HEARTBEAT_SECONDS must be at most half of CRM_WORKFLOW_LEASE_SECONDS (30)');
  });
});
