import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../../db/tenant.js';

/** An array parameter as PostgreSQL's array text (knex would spread a JS array); only uuids and numbers go in. */
const pgArray = (xs: (string | number)[]): string => `{${xs.join(',')}}`;

/** A run this worker holds: the claim's `attempts` is its token. */
export interface HeldRun {
  tenant: Tenant;
  runId: string;
  attempts: number;
}

/**
 * The runs one worker process holds, and their heartbeat: every few seconds each held
 * run's lease is renewed (`lease_until = now() + lease`, `heartbeat_at = now()`), one
 * statement per tenant, on a timer of its own, so a slow step (a webhook, a script)
 * never delays it. A row locked by the holder's own step transaction is skipped (the
 * lock keeps it ours; any taker waits on it). A worker that dies stops renewing: its
 * runs' leases run out and the sweeper (`sweep-lost-runs.ts`) hands them to another.
 */
export class RunLeases {
  private readonly held = new Map<string, HeldRun>();

  constructor(
    private readonly knex: Knex,
    readonly leaseSeconds: number,
  ) {}

  hold(run: HeldRun): void {
    this.held.set(run.runId, run);
  }

  release(runId: string): void {
    this.held.delete(runId);
  }

  get size(): number {
    return this.held.size;
  }

  /** Renews every held run's lease; returns how many rows it renewed. */
  async renew(): Promise<number> {
    const byTenant = new Map<string, HeldRun[]>();
    for (const h of this.held.values()) byTenant.set(h.tenant.id, [...(byTenant.get(h.tenant.id) ?? []), h]);
    let renewed = 0;
    for (const runs of byTenant.values()) {
      renewed += await withTenant(this.knex, runs[0].tenant, async (trx) => {
        const ids = pgArray(runs.map((r) => r.runId));
        const { rowCount } = await trx.raw(
          `update _wf_runs r set lease_until = now() + ?::int * interval '1 second', heartbeat_at = now()
             from unnest(?::uuid[], ?::int[]) as h(id, attempts)
            where r.id = h.id and r.attempts = h.attempts and r.status = 'running'
              and r.id in (select id from _wf_runs where id = any(?::uuid[]) for update skip locked)`,
          [this.leaseSeconds, ids, pgArray(runs.map((r) => r.attempts)), ids],
        );
        return Number(rowCount ?? 0);
      });
    }
    return renewed;
  }
}
