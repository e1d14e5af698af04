import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CtiAdapter, CtiEvent, CtiEventType } from './contract.js';

/**
 * The world around an adapter under test: a way to make the outside (callers, agents'
 * phones, callees) do things, as the simulator does directly and a fake PBX does for a
 * real adapter.
 */
export interface ContractWorld {
  adapter: CtiAdapter;
  /** An agent extension that answers by itself when it rings. */
  extension: string;
  /** A second extension, for transfers. */
  otherExtension: string;
  /** A caller rings in; resolves once the call is placed (the `offered` event follows). */
  callIn(ani: string, dnis: string, digits?: string[]): Promise<void>;
  callerHangsUp(callId: string): Promise<void>;
  /** How the next dialled number answers. */
  nextCallee(behaviour: 'human' | 'machine' | 'busy'): void;
  close(): Promise<void>;
}

/** Collects an adapter's events and waits (with a deadline) for the one a test expects. */
const recorder = (adapter: CtiAdapter) => {
  const seen: CtiEvent[] = [];
  const waiters: { test: (e: CtiEvent) => boolean; resolve: (e: CtiEvent) => void }[] = [];
  adapter.onEvent((e) => {
    seen.push(e);
    for (const w of [...waiters]) if (w.test(e)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(e);
  });
  const next = <T extends CtiEventType>(type: T, callId?: string, match: (e: CtiEvent) => boolean = () => true, ms = 3000): Promise<Extract<CtiEvent, { type: T }>> => {
    const test = (e: CtiEvent) => e.type === type && (!callId || e.callId === callId) && match(e);
    const found = seen.find(test);
    if (found) return Promise.resolve(found as Extract<CtiEvent, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ${type} event within ${ms} ms; saw ${seen.map((e) => e.type).join(', ')}`)), ms);
      waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e as Extract<CtiEvent, { type: T }>)) });
    });
  };
  return { seen, next, of: (callId: string) => seen.filter((e) => e.callId === callId).map((e) => e.type) };
};

/** The one contract suite every CTI adapter passes. */
export const ctiContractSuite = (name: string, makeWorld: () => Promise<ContractWorld>): void => {
  describe(`CTI contract: ${name}`, () => {
    let world: ContractWorld;
    let events: ReturnType<typeof recorder>;
    beforeEach(async () => {
      world = await makeWorld();
      events = recorder(world.adapter);
      await world.adapter.start();
    });
    afterEach(async () => {
      await world.adapter.stop();
      await world.close();
    });

    const offered = async (ani = '+8613812345678', dnis = '+864008001234', digits?: string[]) => {
      await world.callIn(ani, dnis, digits);
      return events.next('offered', undefined, (e) => e.type === 'offered' && e.ani === ani);
    };

    it('offers an inbound call with its ANI and DNIS, and bridges it to an agent who answers', async () => {
      const call = await offered();
      expect(call).toMatchObject({ direction: 'inbound', ani: '+8613812345678', dnis: '+864008001234' });
      expect(Date.parse(call.at)).not.toBeNaN();
      await world.adapter.bridge(call.callId, world.extension);
      expect(await events.next('ringing', call.callId)).toMatchObject({ extension: world.extension });
      expect(await events.next('answered', call.callId)).toMatchObject({ by: 'agent', extension: world.extension });
      await world.adapter.hangup(call.callId);
      expect(await events.next('hungup', call.callId)).toMatchObject({ by: 'agent', cause: 'normal' });
      expect((await events.next('recording_available', call.callId)).url).toBeTruthy();
    });

    it('answers, plays a prompt and collects the digits the caller presses', async () => {
      const call = await offered('+862161234567', '+864008001234', ['12#']);
      await world.adapter.answer(call.callId);
      expect(await events.next('answered', call.callId)).toMatchObject({ by: 'system' });
      await world.adapter.playPrompt(call.callId, { text: '请输入客户编号', locale: 'zh-CN' });
      expect(await world.adapter.collectDigits(call.callId, { max: 6, timeoutMs: 2000, terminator: '#' })).toBe('12');
      expect(events.of(call.callId).filter((t) => t === 'dtmf')).toHaveLength(3);
      await world.adapter.hangup(call.callId);
      expect(await events.next('hungup', call.callId)).toMatchObject({ by: 'system' });
    });

    it('holds, and transfers blind and attended', async () => {
      const call = await offered();
      await world.adapter.bridge(call.callId, world.extension);
      await events.next('answered', call.callId);
      await world.adapter.hold(call.callId, true);
      expect(await events.next('held', call.callId)).toMatchObject({ held: true });
      await world.adapter.transfer(call.callId, world.otherExtension, 'blind');
      expect(await events.next('transferred', call.callId)).toMatchObject({ mode: 'blind', target: world.otherExtension });
      const second = await offered('+8613900001111');
      await world.adapter.bridge(second.callId, world.extension);
      await events.next('answered', second.callId);
      await world.adapter.hangup(call.callId);
      await world.adapter.transfer(second.callId, world.otherExtension, 'attended');
      expect(await events.next('transferred', second.callId)).toMatchObject({ mode: 'attended', target: world.otherExtension });
    });

    it('reports a caller who hangs up', async () => {
      const call = await offered();
      await world.callerHangsUp(call.callId);
      expect(await events.next('hungup', call.callId)).toMatchObject({ by: 'caller' });
      await expect(world.adapter.hangup(call.callId)).rejects.toThrow();
    });

    it('dials out: a person answers; a machine is detected; a busy line hangs up', async () => {
      world.nextCallee('human');
      const human = await world.adapter.dial({ to: '+8613811112222', from: '+864008001234', detectMachine: true });
      expect(await events.next('answered', human.callId)).toMatchObject({ by: 'callee' });
      await world.adapter.bridge(human.callId, world.extension);
      expect(await events.next('ringing', human.callId, (e) => 'extension' in e && !!e.extension)).toMatchObject({ extension: world.extension });
      world.nextCallee('machine');
      const machine = await world.adapter.dial({ to: '+8613833334444', from: '+864008001234', detectMachine: true });
      await events.next('machine_detected', machine.callId);
      await world.adapter.hangup(machine.callId);
      expect(await events.next('hungup', machine.callId)).toBeTruthy();
      // A machine is never reported as answered: nothing would pass it to an agent.
      expect(events.of(machine.callId)).not.toContain('answered');
      world.nextCallee('busy');
      const busy = await world.adapter.dial({ to: '+8613855556666', from: '+864008001234' });
      expect(await events.next('hungup', busy.callId)).toMatchObject({ cause: 'busy' });
    });
  });
};
