/**
 * The CTI adapter contract: what a telephony system tells the call center (events in)
 * and what the call center asks of it (commands out). The simulator is the reference
 * implementation; every adapter passes the same contract suite (contract-suite.ts).
 */

/** Who ended a call: the caller (or callee), the agent, or the system (IVR, dialer, PBX). */
export type HangupParty = 'caller' | 'agent' | 'system';
/** Why a call ended. `abandoned`: the caller gave up before reaching an agent. */
export type HangupCause = 'normal' | 'abandoned' | 'busy' | 'no_answer' | 'machine' | 'rejected' | 'failed';

interface CallEvent {
  callId: string;
  /** When it happened, ISO 8601. */
  at: string;
}

export type CtiEvent =
  | (CallEvent & { type: 'offered'; direction: 'inbound'; ani: string; dnis: string; trunk: string })
  | (CallEvent & { type: 'ringing'; extension?: string; to?: string })
  | (CallEvent & { type: 'answered'; by: 'system' | 'agent' | 'callee'; extension?: string })
  | (CallEvent & { type: 'held'; held: boolean })
  | (CallEvent & { type: 'transferred'; mode: TransferMode; target: string })
  | (CallEvent & { type: 'dtmf'; digit: string })
  | (CallEvent & { type: 'hungup'; by: HangupParty; cause: HangupCause })
  | (CallEvent & { type: 'recording_available'; url: string })
  | (CallEvent & { type: 'machine_detected' });

export type CtiEventType = CtiEvent['type'];
export type TransferMode = 'blind' | 'attended';

/** A prompt to play: text in the caller's language (spoken by TTS) or an audio file reference. */
export interface Prompt {
  text?: string;
  audio?: string;
  locale?: string;
}

export interface DialRequest {
  /** The number to call, E.164. */
  to: string;
  /** The caller id to present, E.164. */
  from: string;
  /**
   * Detect answering machines: the callee's `answered` waits for the verdict, and a machine
   * gives `machine_detected` instead (never `answered`), so it never reaches an agent.
   */
  detectMachine?: boolean;
  /** Give up after this long without an answer (`hungup`, cause `no_answer`). */
  timeoutMs?: number;
}

export interface CollectOptions {
  /** Stop after this many digits. */
  max: number;
  /** Stop when nothing is pressed for this long. */
  timeoutMs: number;
  /** A digit that ends the input early (not returned), e.g. `#`. */
  terminator?: string;
}

/** Commands out: each resolves once the telephony system has accepted it. */
export interface CtiCommands {
  /** Answers an offered call (by the system: IVR or queue music). */
  answer(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string, on: boolean): Promise<void>;
  /** Blind: hands the call over at once. Attended: the target answers first, then takes it. */
  transfer(callId: string, target: string, mode: TransferMode): Promise<void>;
  /** Places an outbound call; its events follow under the returned call id. */
  dial(request: DialRequest): Promise<{ callId: string }>;
  playPrompt(callId: string, prompt: Prompt): Promise<void>;
  /** The digits pressed (possibly fewer than `max`, or '' on time-out). */
  collectDigits(callId: string, options: CollectOptions): Promise<string>;
  /** Connects the call to an agent's extension: it rings, and is answered there. */
  bridge(callId: string, extension: string): Promise<void>;
}

export type CtiListener = (event: CtiEvent) => void;

export interface CtiAdapter extends CtiCommands {
  /** The adapter's name as tenant settings select it (`simulator`, `asterisk_ari`). */
  readonly name: string;
  onEvent(listener: CtiListener): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The names adapters are selected by in tenant settings. */
export const ADAPTER_NAMES = ['simulator', 'asterisk_ari'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

/** A command on a call the adapter does not know (ended, or never existed). */
export class UnknownCallError extends Error {
  constructor(readonly callId: string) {
    super(`No live call ${callId}`);
  }
}
