import { callHost, type HostAnswer } from './call-host.js';
import type { Limits } from './limits.js';
import { isHostMethod, type ToWorker, type WorkerOutcome } from './protocol.js';
import type { QuotaBook, ScriptErrorCode, ScriptHost, ScriptResult } from './types.js';
import { checkCpuMs, checkOutcome } from './worker-outcome.js';

/** How long a sandbox process has to give up a stopped run before it is killed. */
export const KILL_GRACE_MS = 500;

/** The sandbox process a run was sent to. */
export interface RunTarget {
  send(message: ToWorker): void;
  kill(): void;
}

export interface RunRequest {
  id: number;
  tenantId: string;
  code: string;
  inputJson: string;
  host: ScriptHost;
  limits: Limits;
  /** The CPU limit was lowered to what is left of the tenant's quota. */
  cpuCappedByQuota: boolean;
}

type Failure = { code: ScriptErrorCode; message: string };

/**
 * The parent's side of one run: the wall-clock limit (counted from submission, so a
 * caller always has its answer in time, even when every isolate is busy), host calls
 * (counted per run and against the tenant's quota, then passed to the caller's host),
 * and the one answer.
 * A run the parent stops is cancelled in its process, and the process is killed if it
 * does not let go within KILL_GRACE_MS.
 */
export class PendingRun {
  readonly result: Promise<ScriptResult>;
  private resolve!: (result: ScriptResult) => void;
  private target: RunTarget | undefined;
  private readonly submittedAt = performance.now();
  private startedAt: number | undefined;
  private hostCalls = 0;
  private stopped: Failure | undefined;
  private settled = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly request: RunRequest,
    private readonly quotas: QuotaBook,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    const { wallMs } = request.limits;
    this.timers.push(setTimeout(() => this.expire(wallMs), wallMs));
  }

  get id(): number {
    return this.request.id;
  }

  get tenantId(): string {
    return this.request.tenantId;
  }

  /** Whether the run has its answer (a queued run may time out before it starts). */
  get finished(): boolean {
    return this.settled;
  }

  start(target: RunTarget): void {
    const { id, code, inputJson, limits } = this.request;
    const { memoryMb, cpuMs, hostCalls } = limits;
    this.target = target;
    this.startedAt = performance.now();
    target.send({ type: 'run', id, code, input: inputJson, limits: { memoryMb, cpuMs, hostCalls } });
  }

  /** Ends the run from the parent's side. */
  stop(code: ScriptErrorCode, message: string): void {
    if (this.stopped || this.settled) return;
    this.stopped = { code, message };
    this.target?.send({ type: 'cancel', id: this.id, code, message });
    this.timers.push(setTimeout(() => this.target?.kill(), KILL_GRACE_MS));
  }

  async hostCall(callId: number, method: unknown, argsJson: string): Promise<void> {
    if (this.stopped || this.settled) return;
    const { limits, tenantId, host } = this.request;
    if (++this.hostCalls > limits.hostCalls) {
      return this.stop('HOST_CALL_LIMIT', `the script made more than ${limits.hostCalls} host calls`);
    }
    if (!isHostMethod(method)) return this.answer(callId, { ok: false, message: 'there is no such host call' });
    if (!this.quotas.takeHostCall(tenantId)) {
      return this.stop('QUOTA', `tenant ${tenantId} has used its host calls for this minute`);
    }
    this.answer(callId, await callHost(host, method, argsJson));
  }

  /** The process reported the run's end. */
  done(outcome: unknown, cpuMs: unknown): void {
    this.settle(checkOutcome(outcome), checkCpuMs(cpuMs));
  }

  /** The process died (or was killed) with the run on it. */
  crashed(message: string): void {
    // Unknown CPU use is charged as the wall time spent, so crashing does not dodge the quota.
    const elapsed = this.startedAt === undefined ? 0 : performance.now() - this.startedAt;
    this.settle({ ok: false, code: 'SANDBOX_CRASHED', message }, Math.min(elapsed, this.request.limits.cpuMs));
  }

  private expire(wallMs: number): void {
    if (this.target) this.stop('TIMEOUT', `the script did not finish within ${wallMs} ms`);
    else this.settle({ ok: false, code: 'TIMEOUT', message: `no sandbox process was free to start the script within ${wallMs} ms` }, 0);
  }

  private answer(callId: number, answer: HostAnswer): void {
    if (this.stopped || this.settled || !this.target) return;
    this.target.send({ type: 'host-result', id: this.id, callId, ...answer });
  }

  private settle(outcome: WorkerOutcome, cpuMs: number): void {
    if (this.settled) return;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    const { tenantId, cpuCappedByQuota } = this.request;
    this.quotas.addCpu(tenantId, cpuMs);
    const measures = {
      cpuMs: round(cpuMs),
      wallMs: round(performance.now() - this.submittedAt),
      hostCalls: this.hostCalls,
    };
    let failure: Failure | undefined = this.stopped ?? (outcome.ok ? undefined : outcome);
    if (failure?.code === 'CPU_LIMIT' && cpuCappedByQuota) {
      failure = { code: 'QUOTA', message: `tenant ${tenantId} has used its script CPU time for this minute` };
    }
    if (failure) this.resolve({ ok: false, error: { code: failure.code, message: failure.message }, ...measures });
    else this.resolve({ ok: true, value: (outcome as { value: unknown }).value, ...measures });
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
