import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRecords } from '../../core/index.js';
import { TEST_ACTOR, installPlugin, openTestTenant, type TestTenant } from '../../core/plugins/testing.js';
import { seedDemoTeams } from './seed/seed-demo.js';

/** The demo teams carry readable names in both languages beside the codes users and rules name them by. */
describe('customers: demo teams', () => {
  let t: TestTenant;

  beforeAll(async () => {
    t = await openTestTenant('teams');
    await installPlugin({ tenant: t.tenant, plugin: 'customers' }, { knex: t.knex, actor: TEST_ACTOR });
  }, 600_000);
  afterAll(async () => t?.close());

  it('seeds each team with an English and a Chinese name, found by either', async () => {
    expect(await t.withRecords((ctx) => seedDemoTeams(ctx))).toBe(3);
    const teams = await t.withRecords(async (ctx) => (await listRecords('team', { fields: ['name', 'label', 'label_zh', 'parent.label'], sort: 'name' }, ctx)).data);
    expect(teams.map((x) => [x.name, x.label, x.label_zh, x['parent.label'] ?? null])).toEqual([
      ['sales', 'Sales department', '销售部', null],
      ['sales_east', 'East sales', '华东销售组', 'Sales department'],
      ['sales_north', 'North sales', '华北销售组', 'Sales department'],
    ]);
    const found = await t.withRecords(async (ctx) => (await listRecords('team', { q: '华东', fields: ['name'] }, ctx)).data);
    expect(found.map((x) => x.name)).toEqual(['sales_east']);
    expect(await t.withRecords((ctx) => seedDemoTeams(ctx))).toBe(0);
  });

  it('titles a team by its name in the reader’s language in the metadata the app is drawn from', async () => {
    const team = await t.withRecords(async (ctx) => ctx.meta.entities.team);
    expect(team.titleField).toBe('label');
    expect(team.localeTitleFields).toEqual({ 'zh-CN': 'label_zh' });
  });
});
