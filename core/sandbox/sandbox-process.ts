import type { ChildProcess } from 'node:child_process';
import { sandboxKills } from '../metrics/index.js';
import { forkWorker, type WorkerConfig } from './fork-worker.js';
import type { PendingRun, RunTarget } from './pending-run.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface ProcessEvents {
  /** The process can take runs (it started, or a run of it ended). */
  onFree(): void;
  onExit(): void;
}

const SHUTDOWN_GRACE_MS = 1000;

/**
 * One sandbox process as the supervisor sees it: its runs in flight, messages routed to
 * them, and their failure with SANDBOX_CRASHED when it dies, however it dies.
 */
export class SandboxProcess implements RunTarget {
  readonly startedAt = Date.now();
  private readonly runs = new Map<number, PendingRun>();
  private readonly child: ChildProcess;
  private readonly capacity: number;
  private ready = false;
  private exited = false;
  private readonly exit: Promise<void>;
  private markExited!: () => void;

  constructor(
    config: WorkerConfig,
    private readonly events: ProcessEvents,
  ) {
    this.child = forkWorker(config);
    this.capacity = config.isolates;
    this.child.on('message', (message: FromWorker) => this.receive(message));
    this.exit = new Promise((resolve) => (this.markExited = resolve));
    this.child.on('exit', (code, signal) => this.onExit(signal ? `signal ${signal}` : `exit code ${code}`));
    // A process that could not start reports an error and perhaps no exit.
    this.child.on('error', () => (this.child.pid === undefined ? this.onExit('it could not start') : this.kill()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs this process can take now. */
  get free(): number {
    return this.ready && !this.exited ? this.capacity - this.runs.size : 0;
  }

  start(run: PendingRun): void {
    this.runs.set(run.id, run);
    run.start(this);
  }

  send(message: ToWorker): void {
    if (!this.child.connected) return;
    this.child.send(message, (error) => {
      if (error) this.kill();
    });
  }

  kill(): void {
    if (this.exited) return;
    sandboxKills.inc();
    this.child.kill('SIGKILL');
  }

  /** Fails its runs, asks the process to leave (it exits when the channel closes), then forces it. */
  async shutdown(): Promise<void> {
    if (this.exited) return;
    for (const run of this.runs.values()) run.crashed('the sandbox is closed');
    this.runs.clear();
    if (this.child.connected) this.child.disconnect();
    const force = setTimeout(() => this.kill(), SHUTDOWN_GRACE_MS);
    await this.exit;
    clearTimeout(force);
  }

  private receive(message: FromWorker): void {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        this.events.onFree();
        break;
      case 'host':
        void this.runs.get(message.id)?.hostCall(message.callId, message.method, String(message.args));
        break;
      case 'done': {
        const run = this.runs.get(message.id);
        this.runs.delete(message.id);
        run?.done(message.outcome, message.cpuMs);
        this.events.onFree();
        break;
      }
    }
  }

  private onExit(how: string): void {
    if (this.exited) return;
    this.exited = true;
    this.markExited();
    for (const run of this.runs.values()) run.crashed(`the sandbox process stopped (${how}) during the run`);
    this.runs.clear();
    this.events.onExit();
  }
}
