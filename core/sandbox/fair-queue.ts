/**
 * A queue that takes turns between tenants: one tenant's burst of runs waits behind a
 * single run of each other tenant instead of in front of all of them.
 */
export class FairQueue<T> {
  private readonly lanes = new Map<string, T[]>();

  get size(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  push(tenantId: string, item: T): void {
    const lane = this.lanes.get(tenantId);
    if (lane) lane.push(item);
    else this.lanes.set(tenantId, [item]);
  }

  /** The oldest item of the tenant whose turn it is; that tenant then goes to the back. */
  shift(): T | undefined {
    for (const [tenantId, lane] of this.lanes) {
      const item = lane.shift();
      this.lanes.delete(tenantId);
      if (lane.length > 0) this.lanes.set(tenantId, lane);
      if (item !== undefined) return item;
    }
    return undefined;
  }

  /** Empties the queue, returning everything that was waiting. */
  drain(): T[] {
    const all = [...this.lanes.values()].flat();
    this.lanes.clear();
    return all;
  }
}
