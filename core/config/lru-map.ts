import { config } from './load-config.js';

/**
 * A Map that keeps at most `capacity()` entries: reading or writing an entry makes it the
 * most recent, and writing past the bound drops the least recently used. Per-tenant
 * caches use it so a process serving many tenants keeps only the active ones.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: () => number) {}

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    const max = Math.max(1, this.capacity());
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  /** Drops the entry, only if it still holds `value` when one is given (a failed load must not drop a newer one). */
  delete(key: K, value?: V): boolean {
    if (value !== undefined && this.entries.get(key) !== value) return false;
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** How many tenants a process keeps metadata, settings and plugin runtimes of (CRM_TENANT_CACHE_SIZE). */
export const tenantCacheSize = (): number => config().CRM_TENANT_CACHE_SIZE;
