import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACTOR, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';

let t: TestTenant;
beforeAll(async () => {
  t = await openTestTenant('cc_demo');
});
afterAll(() => t?.close());

describe('callcenter demo data', () => {
  it('installs a working call center: queues, agents with skills, three weeks of calls linked to customers, a call list, numbers in E.164', async () => {
    const result = await installPlugin({ tenant: t.tenant, plugin: 'callcenter', withDemoData: true }, { knex: t.knex, actor: TEST_ACTOR });
    expect(result.seeded).toMatchObject({ callcenter_settings: 1, call_queue: 4, call_agent: 10, do_not_call: 3 });
    expect(result.seeded.phone_call).toBeGreaterThan(150);
    const q = (fn: (trx: any) => Promise<any>): Promise<any> => t.inTenant(fn);
    const contacts = await q((trx) => trx('contact').whereNotNull('mobile').select('mobile', 'phone'));
    expect(contacts.every((c: any) => /^\+861\d{10}$/.test(c.mobile) && (!c.phone || /^\+86\d{9,11}$/.test(c.phone)))).toBe(true);
    const calls = await q((trx) => trx('phone_call').select('*'));
    expect(calls.filter((c: any) => c.outcome === 'abandoned').length).toBeGreaterThan(3);
    expect(calls.filter((c: any) => c.outcome === 'self_service' && !c.agent).length).toBeGreaterThan(50);
    expect(await q((trx) => trx('callcenter_settings').select('name', 'adapter', 'ivr_menu', 'abandon_cap'))).toEqual([{ name: 'default', adapter: 'simulator', ivr_menu: 'main_menu', abandon_cap: expect.anything() }]);
    expect(calls.filter((c: any) => c.customer && c.agent && c.disposition && c.notes).length).toBeGreaterThan(100);
    const days = new Set(calls.map((c: any) => new Date(c.offered_at).toDateString()));
    expect(days.size).toBe(21);
    expect(await q((trx) => trx('call_list_entry').count({ n: '*' }).first())).toMatchObject({ n: expect.anything() });
  }, 600_000); // four plugins' demo data through the record service
});
