import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';
import { recordingHost } from './fake-host.js';
import { TenantQuotas } from './tenant-quota.js';

describe('TenantQuotas', () => {
  it('counts use over a sliding minute, per tenant', () => {
    let now = 1_000_000;
    const quotas = new TenantQuotas({ cpuMsPerMinute: 100, hostCallsPerMinute: 2 }, () => now);
    quotas.addCpu('a', 60);
    now += 30_000;
    quotas.addCpu('a', 30);
    expect(quotas.cpuLeft('a')).toBe(10);
    expect(quotas.cpuLeft('b')).toBe(100);
    expect([quotas.takeHostCall('a'), quotas.takeHostCall('a'), quotas.takeHostCall('a')]).toEqual([true, true, false]);
    now += 30_000;
    expect(quotas.cpuLeft('a')).toBe(70);
    expect(quotas.takeHostCall('a')).toBe(false);
    now += 30_000;
    expect(quotas.cpuLeft('a')).toBe(100);
    expect(quotas.takeHostCall('a')).toBe(true);
  });

  it('has no limit without a quota', () => {
    const quotas = new TenantQuotas();
    quotas.addCpu('a', 1e9);
    expect(quotas.cpuLeft('a')).toBe(Infinity);
    expect(quotas.takeHostCall('a')).toBe(true);
  });
});

describe('sandbox: tenant quotas', () => {
  const sandbox = createSandbox({
    processes: 1,
    defaults: { wallMs: 1000, cpuMs: 1000, memoryMb: 16 },
    tenantQuota: { cpuMsPerMinute: 150, hostCallsPerMinute: 5 },
  });
  afterAll(() => sandbox.close());

  it("stops a run at what is left of its tenant's CPU time, then refuses the tenant", async () => {
    const host = recordingHost();
    const spent = await sandbox.run({ tenantId: 'busy', code: 'for (;;) {}', input: null, host });
    expect(spent).toMatchObject({ ok: false, error: { code: 'QUOTA', message: 'tenant busy has used its script CPU time for this minute' } });
    expect(spent.cpuMs).toBeGreaterThanOrEqual(150);
    const refused = await sandbox.run({ tenantId: 'busy', code: 'return 1', input: null, host });
    expect(refused).toMatchObject({ ok: false, error: { code: 'QUOTA' }, cpuMs: 0, wallMs: 0 });
    expect(await sandbox.run({ tenantId: 'calm', code: 'return 1', input: null, host })).toMatchObject({ ok: true, value: 1 });
  });

  it("refuses host calls beyond its tenant's quota, and only that tenant's", async () => {
    const host = recordingHost();
    const threeCalls = 'for (let i = 0; i < 3; i++) await crm.get("a", i); return "done"';
    expect(await sandbox.run({ tenantId: 'chatty', code: threeCalls, input: null, host })).toMatchObject({ ok: true });
    const over = await sandbox.run({ tenantId: 'chatty', code: threeCalls, input: null, host });
    expect(over).toMatchObject({ ok: false, error: { code: 'QUOTA', message: 'tenant chatty has used its host calls for this minute' } });
    expect(host.calls).toHaveLength(5);
    expect(await sandbox.run({ tenantId: 'chatty', code: 'return 2', input: null, host })).toMatchObject({ ok: true, value: 2 });
    expect(await sandbox.run({ tenantId: 'quiet', code: threeCalls, input: null, host })).toMatchObject({ ok: true });
  });
});
