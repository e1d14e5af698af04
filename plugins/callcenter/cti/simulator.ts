import { CtiEmitter } from './emitter.js';
import { UnknownCallError, type CollectOptions, type CtiAdapter, type DialRequest, type Prompt, type TransferMode } from './contract.js';

/** How a simulated caller behaves: the digits they press, in order, and how long they wait for an agent. */
export interface CallerScript {
  ani: string;
  dnis: string;
  /** Digits pressed at each digit collection, in order ('' = presses nothing). */
  digits?: string[];
  /** Hangs up (abandoned) if no agent has answered by then; default: waits forever. */
  patienceMs?: number;
}

/** How a dialled number answers: a person, an answering machine, busy, or never. */
export type CalleeBehaviour = 'human' | 'machine' | 'busy' | 'no_answer';

export interface SimulatorOptions {
  /** Simultaneous calls the trunks carry; a call beyond is rejected (`hungup`, cause `busy`). */
  trunks?: number;
  /** Agent extensions that answer by themselves after `ringMs`. Others answer by `pickUp`. */
  autoAnswer?: boolean;
  ringMs?: number;
  /** Records bridged calls: a `recording_available` event follows each hang-up. */
  record?: boolean;
  /** How an outbound number answers (default: a person). */
  callee?: (to: string) => CalleeBehaviour;
  now?: () => number;
}

interface SimCall {
  id: string;
  script: CallerScript;
  answered: boolean;
  extension?: string;
  bridged: boolean;
  digitTurn: number;
  timers: NodeJS.Timeout[];
  pendingDigits?: { resolve: (d: string) => void; options: CollectOptions; got: string; timer?: NodeJS.Timeout };
}

/**
 * A virtual PBX implementing the CTI contract: trunks, agent extensions and scripted
 * callers. It is the reference for adapter behaviour, the test double and the demo's
 * traffic source (see traffic.ts for random callers).
 */
export class TelephonySimulator implements CtiAdapter {
  readonly name = 'simulator';
  private readonly events: CtiEmitter;
  private readonly calls = new Map<string, SimCall>();
  private readonly extensions = new Map<string, string | null>();
  private seq = 0;
  /** Every prompt played, in order (what callers and answering machines heard). */
  readonly played: { callId: string; prompt: Prompt }[] = [];
  private readonly o: Required<Omit<SimulatorOptions, 'callee' | 'now'>> & Pick<SimulatorOptions, 'callee'>;
  onEvent: CtiAdapter['onEvent'];

  constructor(options: SimulatorOptions = {}) {
    this.events = new CtiEmitter(options.now);
    this.onEvent = (l) => this.events.onEvent(l);
    this.o = { trunks: options.trunks ?? 30, autoAnswer: options.autoAnswer ?? true, ringMs: options.ringMs ?? 5, record: options.record ?? true, callee: options.callee };
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {
    for (const id of [...this.calls.keys()]) this.end(id, 'system', 'normal');
  }

  /** Registers an agent's extension (its phone). */
  addExtension(extension: string): void {
    this.extensions.set(extension, null);
  }

  get liveCalls(): number {
    return this.calls.size;
  }

  /** A caller rings in: `offered`, or `hungup` busy when every trunk is taken. Answers the call id. */
  placeCall(script: CallerScript): string {
    const call = this.newCall(script);
    if (this.calls.size > this.o.trunks) {
      this.calls.delete(call.id);
      this.events.emit({ type: 'hungup', callId: call.id, by: 'system', cause: 'busy' });
      return call.id;
    }
    this.events.emit({ type: 'offered', callId: call.id, direction: 'inbound', ani: script.ani, dnis: script.dnis, trunk: `trunk-${(this.calls.size % this.o.trunks) + 1}` });
    if (script.patienceMs !== undefined) call.timers.push(setTimeout(() => !call.bridged && this.end(call.id, 'caller', 'abandoned'), script.patienceMs));
    return call.id;
  }

  /** The caller presses digits outside any collection (heard as DTMF events only). */
  press(callId: string, digits: string): void {
    const call = this.live(callId);
    for (const d of digits) this.digit(call, d);
  }

  callerHangsUp(callId: string): void {
    this.live(callId);
    this.end(callId, 'caller', 'normal');
  }

  /** The agent at `extension` picks up the ringing call (when extensions do not answer by themselves). */
  pickUp(extension: string): void {
    const callId = this.extensions.get(extension);
    if (!callId) throw new Error(`Nothing rings at ${extension}`);
    this.agentAnswers(this.live(callId), extension);
  }

  async answer(callId: string): Promise<void> {
    const call = this.live(callId);
    if (call.answered) return;
    call.answered = true;
    this.events.emit({ type: 'answered', callId, by: 'system' });
  }

  async hangup(callId: string): Promise<void> {
    const call = this.live(callId);
    this.end(callId, call.extension ? 'agent' : 'system', 'normal');
  }

  async hold(callId: string, on: boolean): Promise<void> {
    this.live(callId);
    this.events.emit({ type: 'held', callId, held: on });
  }

  async transfer(callId: string, target: string, mode: TransferMode): Promise<void> {
    const call = this.live(callId);
    if (call.extension) this.extensions.set(call.extension, null);
    call.extension = undefined;
    call.bridged = false;
    if (mode === 'attended') {
      this.events.emit({ type: 'ringing', callId, extension: target });
      this.events.emit({ type: 'transferred', callId, mode, target });
      this.agentAnswers(call, target);
    } else {
      this.events.emit({ type: 'transferred', callId, mode, target });
      this.ring(call, target);
    }
  }

  async dial(request: DialRequest): Promise<{ callId: string }> {
    const call = this.newCall({ ani: request.from, dnis: request.to });
    const behaviour = this.o.callee?.(request.to) ?? 'human';
    queueMicrotask(() => this.outbound(call, request, behaviour));
    return { callId: call.id };
  }

  async playPrompt(callId: string, prompt: Prompt): Promise<void> {
    this.live(callId);
    this.played.push({ callId, prompt });
  }

  async collectDigits(callId: string, options: CollectOptions): Promise<string> {
    const call = this.live(callId);
    const planned = call.script.digits?.[call.digitTurn++] ?? '';
    return new Promise((resolve) => {
      call.pendingDigits = { resolve, options, got: '' };
      call.pendingDigits.timer = setTimeout(() => this.finishDigits(call), options.timeoutMs);
      queueMicrotask(() => {
        for (const d of planned) if (call.pendingDigits && this.calls.has(call.id)) this.digit(call, d);
      });
    });
  }

  async bridge(callId: string, extension: string): Promise<void> {
    const call = this.live(callId);
    if (!this.extensions.has(extension)) throw new Error(`No extension ${extension}`);
    if (this.extensions.get(extension)) throw new Error(`Extension ${extension} is busy`);
    this.ring(call, extension);
  }

  private newCall(script: CallerScript): SimCall {
    const call: SimCall = { id: `sim-${++this.seq}`, script, answered: false, bridged: false, digitTurn: 0, timers: [] };
    this.calls.set(call.id, call);
    return call;
  }

  private live(callId: string): SimCall {
    const call = this.calls.get(callId);
    if (!call) throw new UnknownCallError(callId);
    return call;
  }

  private ring(call: SimCall, extension: string): void {
    call.extension = extension;
    this.extensions.set(extension, call.id);
    this.events.emit({ type: 'ringing', callId: call.id, extension });
    if (this.o.autoAnswer) call.timers.push(setTimeout(() => this.calls.has(call.id) && this.agentAnswers(call, extension), this.o.ringMs));
  }

  private agentAnswers(call: SimCall, extension: string): void {
    call.extension = extension;
    call.bridged = true;
    call.answered = true;
    this.extensions.set(extension, call.id);
    this.events.emit({ type: 'answered', callId: call.id, by: 'agent', extension });
  }

  private outbound(call: SimCall, request: DialRequest, behaviour: CalleeBehaviour): void {
    this.events.emit({ type: 'ringing', callId: call.id, to: request.to });
    if (behaviour === 'busy') return this.end(call.id, 'system', 'busy');
    if (behaviour === 'no_answer') {
      call.timers.push(setTimeout(() => this.end(call.id, 'system', 'no_answer'), request.timeoutMs ?? 30_000));
      return;
    }
    call.answered = true;
    // With detection on, a machine is reported instead of the answer.
    if (behaviour === 'machine' && request.detectMachine) this.events.emit({ type: 'machine_detected', callId: call.id });
    else this.events.emit({ type: 'answered', callId: call.id, by: 'callee' });
  }

  private digit(call: SimCall, d: string): void {
    this.events.emit({ type: 'dtmf', callId: call.id, digit: d });
    const p = call.pendingDigits;
    if (!p) return;
    if (d === p.options.terminator) return this.finishDigits(call);
    p.got += d;
    if (p.got.length >= p.options.max) this.finishDigits(call);
  }

  private finishDigits(call: SimCall): void {
    const p = call.pendingDigits;
    if (!p) return;
    clearTimeout(p.timer);
    call.pendingDigits = undefined;
    p.resolve(p.got);
  }

  private end(callId: string, by: 'caller' | 'agent' | 'system', cause: 'normal' | 'abandoned' | 'busy' | 'no_answer'): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    for (const t of call.timers) clearTimeout(t);
    this.finishDigits(call);
    if (call.extension) this.extensions.set(call.extension, null);
    this.events.emit({ type: 'hungup', callId, by, cause });
    if (call.bridged && this.o.record) this.events.emit({ type: 'recording_available', callId, url: `sim://recordings/${callId}.wav` });
  }
}
