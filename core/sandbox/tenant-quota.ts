import type { QuotaBook, TenantQuota } from './types.js';

const BUCKETS = 60;
const BUCKET_MS = 1000;

interface Usage {
  second: Float64Array;
  cpuMs: Float64Array;
  hostCalls: Float64Array;
}

/**
 * Per-tenant use of script CPU time and host calls over the last minute, in one-second
 * buckets. Lives in the parent process: a child cannot raise its own tenant's allowance.
 */
export class TenantQuotas implements QuotaBook {
  private readonly usage = new Map<string, Usage>();

  constructor(
    private readonly quota: TenantQuota = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** CPU ms the tenant may still use this minute (Infinity without a quota). */
  cpuLeft(tenantId: string): number {
    const cap = this.quota.cpuMsPerMinute;
    return cap === undefined ? Infinity : Math.max(0, cap - this.sum(tenantId, 'cpuMs'));
  }

  /** Host calls the tenant may still make this minute (Infinity without a quota). */
  hostCallsLeft(tenantId: string): number {
    const cap = this.quota.hostCallsPerMinute;
    return cap === undefined ? Infinity : Math.max(0, cap - this.sum(tenantId, 'hostCalls'));
  }

  addCpu(tenantId: string, ms: number): void {
    this.add(tenantId, 'cpuMs', ms);
  }

  /** Counts one host call if the tenant has one left; false when refused. */
  takeHostCall(tenantId: string): boolean {
    if (this.hostCallsLeft(tenantId) < 1) return false;
    this.add(tenantId, 'hostCalls', 1);
    return true;
  }

  private add(tenantId: string, field: 'cpuMs' | 'hostCalls', amount: number): void {
    if (!(amount > 0)) return;
    const second = Math.floor(this.now() / BUCKET_MS);
    const slot = second % BUCKETS;
    const usage = this.usage.get(tenantId) ?? this.fresh(tenantId);
    if (usage.second[slot] !== second) {
      usage.second[slot] = second;
      usage.cpuMs[slot] = 0;
      usage.hostCalls[slot] = 0;
    }
    usage[field][slot] += amount;
  }

  private sum(tenantId: string, field: 'cpuMs' | 'hostCalls'): number {
    const usage = this.usage.get(tenantId);
    if (!usage) return 0;
    const oldest = Math.floor(this.now() / BUCKET_MS) - BUCKETS + 1;
    let total = 0;
    let live = false;
    for (let i = 0; i < BUCKETS; i++) {
      if (usage.second[i] < oldest) continue;
      live = true;
      total += usage[field][i];
    }
    if (!live) this.usage.delete(tenantId);
    return total;
  }

  private fresh(tenantId: string): Usage {
    const usage = {
      second: new Float64Array(BUCKETS).fill(-Infinity),
      cpuMs: new Float64Array(BUCKETS),
      hostCalls: new Float64Array(BUCKETS),
    };
    this.usage.set(tenantId, usage);
    return usage;
  }
}
