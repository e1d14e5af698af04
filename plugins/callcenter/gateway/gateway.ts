import type { CtiAdapter, CtiEvent } from '../cti/contract.js';
import { runMenu, type IvrMenu } from '../ivr/menu.js';
import type { GatewayCommand } from '../server/cti-events.js';
import type { Announcement, DialOrder, TickAnswer } from '../server/cti-tick.js';
import type { GatewayClient } from './client.js';

export interface GatewayOptions {
  /** The IVR menu incoming calls go through first (none: straight to routing). */
  menu?: IvrMenu | null;
  locale?: 'en' | 'zh-CN';
  /** How often a waiting caller hears their place (ms; 0: never). */
  announceMs?: number;
  /** The heartbeat (ms): overflow, agents come free, announcements, console hang-ups, click-to-dial. */
  tickMs?: number;
  /** Demo traffic asked for from the wallboard changed (null: none now); the simulator's process makes the callers. */
  onTraffic?: (traffic: TickAnswer['traffic']) => void;
  /** Problems the gateway met and went on from (a failed command, a lost connection). */
  onError?: (error: unknown, where: string) => void;
}

const SAY = {
  en: (a: Announcement) => `You are number ${a.position} in the queue. The expected wait is about ${Math.max(1, Math.round(a.estimatedWaitSeconds / 60))} minutes.`,
  'zh-CN': (a: Announcement) => `您前面还有 ${a.position - 1} 位客户在等待，预计等待约 ${Math.max(1, Math.round(a.estimatedWaitSeconds / 60))} 分钟。`,
};

/**
 * The CTI gateway: runs next to the PBX with the tenant's selected adapter, feeds the
 * adapter's events to the call center's routes and carries out what they answer. An
 * incoming call goes through the IVR, then is offered (POST /calls) and bridged to the
 * agent it went to; the heartbeat (POST /cti/tick) moves overflow, rings agents who came
 * free, announces waiting callers' places, hangs up calls ended on the console and places
 * click-to-dial calls. Events of one call are handled in order.
 */
export class CtiGateway {
  private readonly live = new Set<string>();
  private readonly bridged = new Set<string>();
  private readonly announced = new Map<string, number>();
  /** Outbound calls placed for an agent: PBX call id → the agent's extension, bridged once the callee answers. */
  private readonly dialled = new Map<string, string | null>();
  private readonly chains = new Map<string, Promise<void>>();
  private unsubscribe?: () => void;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** The dial in progress: events of a call the gateway does not know yet wait for it (they may be its call's). */
  private dialling: Promise<unknown> = Promise.resolve();
  private traffic = '';
  private readonly o: Required<Omit<GatewayOptions, 'menu'>> & { menu: IvrMenu | null };

  constructor(readonly adapter: CtiAdapter, private readonly client: GatewayClient, options: GatewayOptions = {}) {
    this.o = { menu: options.menu ?? null, locale: options.locale ?? 'zh-CN', announceMs: options.announceMs ?? 30_000, tickMs: options.tickMs ?? 1000, onTraffic: options.onTraffic ?? (() => undefined), onError: options.onError ?? (() => undefined) };
  }

  async start(): Promise<void> {
    this.unsubscribe = this.adapter.onEvent((e) => this.enqueue(e));
    await this.adapter.start();
    if (this.o.tickMs > 0) this.timer = setInterval(() => void this.tick(), this.o.tickMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    // The calls still up end now, and the call center hears of it.
    await this.adapter.stop();
    await this.idle();
    this.unsubscribe?.();
  }

  /** Resolves once every event received so far has been handled. */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  /** One heartbeat now (also run every `tickMs`); overlapping beats are one. */
  tick(): Promise<void> {
    this.ticking ??= this.beat().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private enqueue(event: CtiEvent): void {
    const before = this.chains.get(event.callId) ?? (event.type === 'offered' || this.live.has(event.callId) ? Promise.resolve() : this.dialling.catch(() => undefined));
    const next = before.then(() => this.handle(event)).catch((e) => this.o.onError(e, event.type));
    this.chains.set(event.callId, next);
    void next.then(() => this.chains.get(event.callId) === next && this.chains.delete(event.callId));
  }

  private async handle(event: CtiEvent): Promise<void> {
    if (event.type === 'offered') return this.incoming(event);
    if (event.type === 'dtmf') return;
    if (event.type === 'answered' && event.by === 'callee' && this.dialled.get(event.callId)) await this.run({ type: 'bridge', ctiCallId: event.callId, extension: this.dialled.get(event.callId)! });
    if (event.type === 'hungup') this.forget(event.callId);
    const { commands } = await this.client.event(event);
    for (const c of commands) await this.run(c);
  }

  private async incoming(event: Extract<CtiEvent, { type: 'offered' }>): Promise<void> {
    this.live.add(event.callId);
    let queue: string | undefined;
    if (this.o.menu) {
      const result = await runMenu(this.o.menu, event.callId, this.adapter, (name, digits) => this.client.lookup(name, digits, this.o.locale), this.o.locale).catch((e) => {
        if (this.live.has(event.callId)) this.o.onError(e, 'ivr');
        return null;
      });
      // Handled by the IVR alone (self-service), or the caller left during it: recorded for the statistics.
      // A failed menu still reaches an agent.
      if (result && result.end !== 'queue') {
        const outcome = result.end === 'hangup' ? 'self_service' : 'abandoned_in_ivr';
        await this.client.ivrCall({ ani: event.ani, dnis: event.dnis, ctiCallId: event.callId, outcome, keys: result.keys, offeredAt: event.at }).catch((e) => this.o.onError(e, 'ivr'));
        return;
      }
      if (!this.live.has(event.callId)) return;
      queue = result?.end === 'queue' ? result.queue : undefined;
    } else await this.adapter.answer(event.callId);
    const { agent } = await this.client.offer({ ani: event.ani, dnis: event.dnis, ctiCallId: event.callId, queue });
    if (agent?.extension) await this.run({ type: 'bridge', ctiCallId: event.callId, extension: agent.extension });
  }

  private forget(callId: string): void {
    this.live.delete(callId);
    this.bridged.delete(callId);
    this.announced.delete(callId);
    this.dialled.delete(callId);
  }

  private async run(command: GatewayCommand): Promise<void> {
    if (!this.live.has(command.ctiCallId)) return;
    try {
      if (command.type === 'hangup') await this.adapter.hangup(command.ctiCallId);
      else if (command.type === 'play') await this.adapter.playPrompt(command.ctiCallId, command.prompt);
      else if (!this.bridged.has(command.ctiCallId)) {
        this.bridged.add(command.ctiCallId);
        await this.adapter.bridge(command.ctiCallId, command.extension);
      }
    } catch (e) {
      this.o.onError(e, command.type);
    }
  }

  private async beat(): Promise<void> {
    try {
      const answer = await this.client.tick([...this.live]);
      for (const c of answer.commands) await this.run(c);
      for (const a of answer.announcements) await this.announce(a);
      for (const d of answer.dials) await this.dial(d);
      const traffic = JSON.stringify(answer.traffic ?? null);
      if (traffic !== this.traffic) {
        this.traffic = traffic;
        this.o.onTraffic(answer.traffic ?? null);
      }
    } catch (e) {
      this.o.onError(e, 'tick');
    }
  }

  private async announce(a: Announcement): Promise<void> {
    const last = this.announced.get(a.ctiCallId);
    if (this.o.announceMs <= 0 || this.bridged.has(a.ctiCallId) || (last !== undefined && Date.now() - last < this.o.announceMs)) return;
    this.announced.set(a.ctiCallId, Date.now());
    await this.adapter.playPrompt(a.ctiCallId, { text: SAY[this.o.locale](a), locale: this.o.locale }).catch((e) => this.o.onError(e, 'announce'));
  }

  private async dial(order: DialOrder): Promise<void> {
    const placing = (async () => {
      const { callId } = await this.adapter.dial({ to: order.to, from: order.from, detectMachine: order.detectMachine, timeoutMs: 30_000 });
      this.live.add(callId);
      this.dialled.set(callId, order.extension);
      await this.client.placed(order.call, callId);
    })();
    this.dialling = placing;
    await placing;
  }
}
