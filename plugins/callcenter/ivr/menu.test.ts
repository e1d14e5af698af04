import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TelephonySimulator } from '../cti/simulator.js';
import { menuProblems, runMenu, type IvrLookup, type IvrMenu } from './menu.js';

const menu = JSON.parse(readFileSync(new URL('./main_menu.json', import.meta.url), 'utf8')) as IvrMenu;
const orders: IvrLookup = async (name, digits) => (name === 'customer_orders' && digits === '100042' ? { name: '恒信精密', order: 'SO00000042', status: '已发货' } : null);

/** A dry run: scripted callers through the menu document on the simulator, prompts recorded. */
const dryRun = async (digits: string[]) => {
  const sim = new TelephonySimulator();
  const prompts: string[] = [];
  const cti = { answer: sim.answer.bind(sim), hangup: sim.hangup.bind(sim), collectDigits: sim.collectDigits.bind(sim), playPrompt: async (id: string, p: { text?: string }) => void prompts.push(p.text ?? '') };
  const callId = sim.placeCall({ ani: '+8613812345678', dnis: '+864008001234', digits });
  return { result: await runMenu(menu, callId, cti, orders), prompts };
};

describe('IVR menus as documents', () => {
  it('has a menu document whose every target exists, with prompts in both languages', () => {
    expect(menuProblems(menu)).toEqual([]);
    expect(menuProblems({ ...menu, nodes: { ...menu.nodes, welcome: { ...menu.nodes.welcome, options: { '1': 'nowhere', x: 'goodbye' } } as never } })).toEqual([
      { code: 'CALLCENTER_IVR_NO_NODE', pointer: '/nodes/welcome/options/1', params: { node: 'welcome', target: 'nowhere' } },
      { code: 'CALLCENTER_IVR_BAD_KEY', pointer: '/nodes/welcome/options/x', params: { node: 'welcome', key: 'x' } },
    ]);
    expect(menuProblems({ ...menu, nodes: { ...menu.nodes, goodbye: { type: 'hangup', prompt: { en: 'Bye' } } } }).map((p) => p.pointer)).toEqual(['/nodes/goodbye/prompt']);
    expect(menuProblems({ ...menu, nodes: { ...menu.nodes, after_lookup: { ...menu.nodes.after_lookup, onInvalid: '' } } })).toEqual([{ code: 'CALLCENTER_IVR_NO_WAY', pointer: '/nodes/after_lookup/onInvalid', params: { node: 'after_lookup' } }]);
    expect(menuProblems([])).toEqual([{ code: 'CALLCENTER_IVR_NOT_A_MENU', pointer: '', params: {} }]);
  });

  it('looks up a customer number and reads out the order, then ends without an agent', async () => {
    const { result, prompts } = await dryRun(['1', '100042#', '9']);
    expect(result).toEqual({ end: 'hangup', path: ['welcome', 'order_lookup', 'after_lookup', 'goodbye'], keys: ['1', '9'] });
    expect(prompts).toContain('恒信精密，您最近的订单 SO00000042 状态为：已发货。');
  });

  it('sends a caller to the service queue, an unknown number back to an agent, and a caller who keeps pressing wrong keys to the general queue', async () => {
    expect((await dryRun(['2'])).result).toEqual({ end: 'queue', queue: 'service', path: ['welcome', 'service_queue'], keys: ['2'] });
    const unknown = await dryRun(['1', '999999', '0']);
    expect(unknown.result).toMatchObject({ end: 'queue', queue: 'general' });
    expect(unknown.prompts).toContain('未找到该客户编号。');
    expect(unknown.result.keys).toEqual(['1', '0']);
    expect((await dryRun(['7', '8', '9'])).result).toEqual({ end: 'queue', queue: 'general', path: ['welcome', 'welcome', 'welcome', 'general_queue'], keys: ['7', '8', '9'] });
  });

  it('ends with the caller hanging up in the menu, keys so far kept', async () => {
    const sim = new TelephonySimulator();
    const callId = sim.placeCall({ ani: '+8613812345678', dnis: '+864008001234', digits: ['1'] });
    const cti = { answer: sim.answer.bind(sim), hangup: sim.hangup.bind(sim), collectDigits: sim.collectDigits.bind(sim), playPrompt: async (id: string) => (id === callId && sim.liveCalls && sim.callerHangsUp(id)) || undefined };
    expect(await runMenu(menu, callId, cti, orders)).toEqual({ end: 'caller_hung_up', path: ['welcome'], keys: [] });
  });
});
