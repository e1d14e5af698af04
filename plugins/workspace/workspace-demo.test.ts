import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, listRecords, newId } from '../../core/index.js';
import { TEST_ACTOR, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';
import { seedDemoWorkspace } from './seed/seed-demo.js';

/** The demo calendar seeded for three users and a few customers: weeks of appointments and tasks, a weekly meeting they all attend. */
describe('workspace: demo data', () => {
  let t: TestTenant;
  const users = [newId(), newId(), newId()].sort();

  beforeAll(async () => {
    t = await openTestTenant('wsdemo');
    await installPlugin({ tenant: t.tenant, plugin: 'workspace' }, { knex: t.knex, actor: TEST_ACTOR });
    await t.inTenant((trx) => trx('_users').insert(users.map((id) => ({ id, team: 'sales_east', active: true }))));
    await t.withRecords(async (ctx) => {
      for (const name of ['苏州恒信精密机械有限公司', '杭州云栖数据有限公司']) await createRecord('customer', { name }, ctx);
    });
  }, 600_000);
  afterAll(async () => t?.close());

  it('fills five weeks around today with appointments, tasks and notes, and the weekly meeting keeps everyone busy', async () => {
    const counts = await t.withRecords((ctx) => seedDemoWorkspace(ctx));
    expect(counts.appointments).toBeGreaterThan(40);
    expect(counts.tasks).toBeGreaterThan(15);
    expect(counts.notes).toBe(2);
    const meeting = await t.withRecords(async (ctx) => (await listRecords('appointment', { filter: { '!!': [{ var: 'recurrence' }] } }, ctx)).data);
    expect(meeting.map((m) => m.subject)).toEqual(['销售周例会 Weekly sales meeting']);
    // Six Mondays for the organiser and the two attendees.
    const slots = await t.inTenant((trx) => trx('_busy_slots').where({ source_id: meeting[0].id }).select('holder'));
    expect(slots).toHaveLength(18);
    expect(new Set(slots.map((s) => s.holder))).toEqual(new Set(users.map((u) => `user:${u}`)));
  });
});
