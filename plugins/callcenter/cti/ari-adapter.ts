import WebSocket from 'ws';
import { CtiEmitter } from './emitter.js';
import { UnknownCallError, type CollectOptions, type CtiAdapter, type DialRequest, type HangupCause, type Prompt, type TransferMode } from './contract.js';

/**
 * The Asterisk ARI adapter: REST (`/ari/channels`, `/ari/bridges`) and the event WebSocket
 * (`/ari/events?app=`), written from Asterisk's published ARI documentation. It has NOT
 * been run against a live Asterisk; it passes the contract suite against a fake ARI server.
 * Agents' phones are endpoints `<tech>/<extension>` (default PJSIP).
 */
export interface AriOptions {
  /** http(s)://host:port of Asterisk's HTTP server. */
  url: string;
  app: string;
  user: string;
  password: string;
  tech?: string;
}

interface AriChannel {
  id: string;
  state?: string;
  caller?: { number?: string };
  dialplan?: { exten?: string };
  name?: string;
}
interface AriEvent {
  type: string;
  channel?: AriChannel;
  digit?: string;
  cause?: number;
  variable?: string;
  value?: string;
  recording?: { name: string; target_uri?: string };
}

interface Leg {
  /** The caller's channel this agent leg serves. */
  call: string;
  extension: string;
  attended?: boolean;
}
interface Call {
  answered: boolean;
  outbound?: boolean;
  /** Answering-machine detection asked for: the answer waits for AMDSTATUS. */
  detectMachine?: boolean;
  bridge?: string;
  agentLeg?: string;
  hangupBy?: 'agent' | 'system';
  digits: string[];
  waiter?: () => void;
}

const CAUSES: Record<number, HangupCause> = { 17: 'busy', 19: 'no_answer', 18: 'no_answer', 21: 'rejected' };

export class AriAdapter implements CtiAdapter {
  readonly name = 'asterisk_ari';
  private readonly events = new CtiEmitter();
  private readonly calls = new Map<string, Call>();
  private readonly legs = new Map<string, Leg>();
  /** Bridge id → the caller's channel, kept after the call for its recording. */
  private readonly bridges = new Map<string, string>();
  private socket?: WebSocket;
  private stopped = false;
  onEvent: CtiAdapter['onEvent'];

  constructor(private readonly o: AriOptions) {
    this.onEvent = (l) => this.events.onEvent(l);
  }

  async start(): Promise<void> {
    const ws = new URL(`/ari/events`, this.o.url.replace(/^http/, 'ws'));
    ws.searchParams.set('app', this.o.app);
    ws.searchParams.set('api_key', `${this.o.user}:${this.o.password}`);
    const socket = new WebSocket(ws);
    socket.on('message', (raw) => this.handle(JSON.parse(String(raw)) as AriEvent));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.socket = socket;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.socket?.close();
  }

  private async rest<T = unknown>(method: string, path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(`/ari${path}`, this.o.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await fetch(url, { method, headers: { authorization: `Basic ${Buffer.from(`${this.o.user}:${this.o.password}`).toString('base64')}` } });
    if (res.status === 404) throw new UnknownCallError(path);
    if (!res.ok) throw new Error(`ARI ${method} ${path}: ${res.status}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  private live(callId: string): Call {
    const call = this.calls.get(callId);
    if (!call) throw new UnknownCallError(callId);
    return call;
  }

  private endpoint(target: string): string {
    return `${this.o.tech ?? 'PJSIP'}/${target}`;
  }

  private handle(e: AriEvent): void {
    if (e.type === 'RecordingFinished' && e.recording?.target_uri?.startsWith('bridge:')) {
      const callId = this.bridges.get(e.recording.target_uri.slice('bridge:'.length));
      if (callId) this.events.emit({ type: 'recording_available', callId, url: new URL(`/ari/recordings/stored/${e.recording.name}/file`, this.o.url).toString() });
      return;
    }
    const id = e.channel?.id;
    if (!id) return;
    const leg = this.legs.get(id);
    if (leg) return this.handleLeg(id, leg, e);
    if (e.type === 'StasisStart' && !this.calls.has(id)) {
      this.calls.set(id, { answered: false, digits: [] });
      this.events.emit({ type: 'offered', callId: id, direction: 'inbound', ani: e.channel!.caller?.number ?? '', dnis: e.channel!.dialplan?.exten ?? '', trunk: e.channel!.name ?? '' });
      return;
    }
    const call = this.calls.get(id);
    if (!call) return;
    if (e.type === 'ChannelStateChange' && e.channel?.state === 'Ringing' && call.outbound) this.events.emit({ type: 'ringing', callId: id, to: e.channel.dialplan?.exten ?? e.channel.caller?.number });
    else if (e.type === 'ChannelStateChange' && e.channel?.state === 'Up' && !call.answered && !call.detectMachine) {
      call.answered = true;
      this.events.emit({ type: 'answered', callId: id, by: call.outbound ? 'callee' : 'system' });
    } else if (e.type === 'ChannelDtmfReceived' && e.digit) {
      this.events.emit({ type: 'dtmf', callId: id, digit: e.digit });
      call.digits.push(e.digit);
      call.waiter?.();
    } else if (e.type === 'ChannelHold' || e.type === 'ChannelUnhold') this.events.emit({ type: 'held', callId: id, held: e.type === 'ChannelHold' });
    else if (e.type === 'ChannelVarset' && e.variable === 'AMDSTATUS' && call.detectMachine && !call.answered) {
      // AMD's verdict (MACHINE, HUMAN, NOTSURE, HANGUP): only a person is reported as answered.
      call.answered = true;
      if (e.value === 'MACHINE') this.events.emit({ type: 'machine_detected', callId: id });
      else this.events.emit({ type: 'answered', callId: id, by: 'callee' });
    }
    else if (e.type === 'ChannelDestroyed') {
      this.calls.delete(id);
      call.waiter?.();
      if (call.agentLeg) void this.rest('DELETE', `/channels/${call.agentLeg}`).catch(() => undefined);
      this.events.emit({ type: 'hungup', callId: id, by: call.hangupBy ?? 'caller', cause: CAUSES[e.cause ?? 16] ?? 'normal' });
    }
  }

  private handleLeg(id: string, leg: Leg, e: AriEvent): void {
    const call = this.calls.get(leg.call);
    if (e.type === 'ChannelStateChange' && e.channel?.state === 'Up' && call) {
      void (async () => {
        if (leg.attended) this.events.emit({ type: 'transferred', callId: leg.call, mode: 'attended', target: leg.extension });
        const old = call.agentLeg;
        call.agentLeg = id;
        if (old && old !== id) await this.rest('DELETE', `/channels/${old}`).catch(() => undefined);
        if (!call.bridge) {
          call.bridge = (await this.rest<{ id: string }>('POST', '/bridges', { type: 'mixing' })).id;
          this.bridges.set(call.bridge, leg.call);
          await this.rest('POST', `/bridges/${call.bridge}/record`, { name: `call-${leg.call}`, format: 'wav' });
        }
        await this.rest('POST', `/bridges/${call.bridge}/addChannel`, { channel: [leg.call, id].join(',') });
        call.answered = true;
        this.events.emit({ type: 'answered', callId: leg.call, by: 'agent', extension: leg.extension });
      })().catch(() => {
        // Bridging failed (Asterisk gone, the call ended meanwhile): the call is lost unless stopping.
        if (!this.stopped && this.calls.delete(leg.call)) this.events.emit({ type: 'hungup', callId: leg.call, by: 'system', cause: 'failed' });
      });
    } else if (e.type === 'ChannelDestroyed') this.legs.delete(id);
  }

  async answer(callId: string): Promise<void> {
    this.live(callId);
    await this.rest('POST', `/channels/${callId}/answer`);
  }

  async hangup(callId: string): Promise<void> {
    const call = this.live(callId);
    call.hangupBy = call.agentLeg ? 'agent' : 'system';
    await this.rest('DELETE', `/channels/${callId}`);
  }

  async hold(callId: string, on: boolean): Promise<void> {
    this.live(callId);
    await this.rest(on ? 'POST' : 'DELETE', `/channels/${callId}/hold`);
  }

  async transfer(callId: string, target: string, mode: TransferMode): Promise<void> {
    const call = this.live(callId);
    if (mode === 'attended') return this.ring(callId, target, true);
    this.events.emit({ type: 'transferred', callId, mode, target });
    if (call.agentLeg) await this.rest('DELETE', `/channels/${call.agentLeg}`).catch(() => undefined);
    call.agentLeg = undefined;
    await this.ring(callId, target, false);
  }

  async dial(request: DialRequest): Promise<{ callId: string }> {
    const id = `out-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    this.calls.set(id, { answered: false, outbound: true, detectMachine: !!request.detectMachine, digits: [] });
    const query: Record<string, string> = { endpoint: this.endpoint(request.to), app: this.o.app, callerId: request.from, channelId: id, timeout: String(Math.round((request.timeoutMs ?? 30_000) / 1000)) };
    if (request.detectMachine) query.variables = 'AMD=1';
    await this.rest('POST', '/channels', query);
    return { callId: id };
  }

  async playPrompt(callId: string, prompt: Prompt): Promise<void> {
    this.live(callId);
    const media = prompt.audio ? `sound:${prompt.audio}` : `sound:tts:${encodeURIComponent(prompt.text ?? '')}`;
    await this.rest('POST', `/channels/${callId}/play`, { media, lang: prompt.locale ?? 'zh-CN' });
  }

  async collectDigits(callId: string, options: CollectOptions): Promise<string> {
    const call = this.live(callId);
    let got = '';
    const deadline = Date.now() + options.timeoutMs;
    while (got.length < options.max && this.calls.has(callId)) {
      const d = call.digits.shift();
      if (d === undefined) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          call.waiter = () => (clearTimeout(timer), (call.waiter = undefined), resolve());
        });
        continue;
      }
      if (d === options.terminator) break;
      got += d;
    }
    return got;
  }

  async bridge(callId: string, extension: string): Promise<void> {
    this.live(callId);
    await this.ring(callId, extension, false);
  }

  private async ring(callId: string, extension: string, attended: boolean): Promise<void> {
    const legId = `${callId}-leg-${extension}-${Date.now()}`;
    this.legs.set(legId, { call: callId, extension, attended });
    this.events.emit({ type: 'ringing', callId, extension });
    await this.rest('POST', '/channels', { endpoint: this.endpoint(extension), app: this.o.app, channelId: legId });
  }
}
