import { sandboxRuns } from '../metrics/index.js';
import { FairQueue } from './fair-queue.js';
import { KeepAlive } from './keep-alive.js';
import type { PendingRun } from './pending-run.js';
import { SandboxProcess } from './sandbox-process.js';

export interface SupervisorOptions {
  processes: number;
  isolatesPerProcess: number;
  /** Memory limit of the isolates each process keeps ready. */
  memoryMb: number;
}

/** A process that dies younger than this counts as failing to start; restarts back off. */
const STABLE_AFTER_MS = 2000;
const MAX_RESTART_DELAY_MS = 5000;

/**
 * Keeps `processes` sandbox processes alive, restarting each one that dies, and hands
 * queued runs (taking turns between tenants) to the process with the most free isolates.
 */
export class Supervisor {
  private readonly slots: (SandboxProcess | undefined)[];
  private readonly queue = new FairQueue<PendingRun>();
  private readonly keepAlive = new KeepAlive();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private quickDeaths = 0;
  private closed = false;

  constructor(private readonly options: SupervisorOptions) {
    this.slots = Array.from({ length: options.processes }, () => undefined);
    for (let i = 0; i < options.processes; i++) this.spawn(i);
  }

  submit(run: PendingRun): void {
    if (this.closed) return run.crashed('the sandbox is closed');
    this.keepAlive.hold();
    void run.result.then((r) => sandboxRuns.inc({ outcome: r.ok ? 'ok' : r.error.code })).finally(() => this.keepAlive.release());
    this.queue.push(run.tenantId, run);
    this.pump();
  }

  pids(): number[] {
    return this.slots.flatMap((p) => (p?.pid === undefined ? [] : [p.pid]));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    for (const run of this.queue.drain()) run.crashed('the sandbox is closed');
    await Promise.all(this.slots.map((p) => p?.shutdown()));
  }

  private pump(): void {
    while (this.queue.size > 0) {
      const target = this.mostFree();
      if (!target) return;
      const run = this.queue.shift()!;
      if (!run.finished) target.start(run);
    }
  }

  private mostFree(): SandboxProcess | undefined {
    let best: SandboxProcess | undefined;
    for (const p of this.slots) if (p && p.free > 0 && (!best || p.free > best.free)) best = p;
    return best;
  }

  private spawn(slot: number): void {
    const { isolatesPerProcess: isolates, memoryMb } = this.options;
    const proc: SandboxProcess = new SandboxProcess(
      { isolates, memoryMb },
      { onFree: () => this.pump(), onExit: () => this.replace(slot, proc) },
    );
    this.slots[slot] = proc;
  }

  private replace(slot: number, dead: SandboxProcess): void {
    if (this.slots[slot] !== dead) return;
    this.slots[slot] = undefined;
    if (this.closed) return;
    this.quickDeaths = Date.now() - dead.startedAt < STABLE_AFTER_MS ? this.quickDeaths + 1 : 0;
    const delay = this.quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 50 * 2 ** this.quickDeaths);
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closed) this.spawn(slot);
    }, delay);
    timer.unref();
    this.restarts.add(timer);
  }
}
