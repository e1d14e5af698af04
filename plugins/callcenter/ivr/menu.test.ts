import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TelephonySimulator } from '../cti/simulator.js';
import { checkMenu, runMenu, type IvrLookup, type IvrMenu } from './menu.js';

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
    expect(checkMenu(menu)).toEqual([]);
    expect(checkMenu({ ...menu, nodes: { ...menu.nodes, welcome: { ...menu.nodes.welcome, options: { '1': 'nowhere' } } as never } })).toEqual(['welcome/1: no node "nowhere"']);
  });

  it('looks up a customer number and reads out the order, then ends without an agent', async () => {
    const { result, prompts } = await dryRun(['1', '100042#', '']);
    expect(result).toEqual({ end: 'hangup', path: ['welcome', 'order_lookup', 'after_lookup', 'goodbye'] });
    expect(prompts).toContain('恒信精密，您最近的订单 SO00000042 状态为：已发货。');
  });

  it('sends a caller to the service queue, an unknown number back to an agent, and a caller who keeps pressing wrong keys to the general queue', async () => {
    expect((await dryRun(['2'])).result).toEqual({ end: 'queue', queue: 'service', path: ['welcome', 'service_queue'] });
    const unknown = await dryRun(['1', '999999', '0']);
    expect(unknown.result).toMatchObject({ end: 'queue', queue: 'general' });
    expect(unknown.prompts).toContain('未找到该客户编号。');
    expect((await dryRun(['7', '8', '9'])).result).toEqual({ end: 'queue', queue: 'general', path: ['welcome', 'welcome', 'welcome', 'general_queue'] });
  });
});
