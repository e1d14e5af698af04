import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from '../../core/index.js';
import { openSystemWork, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import type { Knex } from 'knex';
import { PARTNERS } from './seed/demo-plan.js';
import { seedDealRegistrations } from './seed/seed-registrations.js';

/** The demo's deal registrations (商机报备): waiting, approved into the partner's deal, rejected with the reason — through the registration's transitions. */
describe('partners: demo deal registrations', () => {
  let close: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const started = await startTestServer();
    knex = started.db.knex;
    close = () => started.server.close();
    await provisionTenant({ slug: 'ptndemo', adminEmail: 'admin@ptndemo.local', adminPassword: 'Partners-Demo-2026', plugins: ['partners'] }, { knex });
  }, 600_000);
  afterAll(async () => close?.());

  it('seeds registrations in every state, the approved ones with the deal and customer their approval made', async () => {
    const seeded = await openSystemWork(knex, 'ptndemo', async (ctx) => {
      const partners = [];
      for (const p of PARTNERS) {
        partners.push((await createRecord('partner', { name: p.name, kind: p.kind, tier: p.tier, territories: p.territories, status: 'active', email: p.email }, ctx)) as { id: string });
      }
      return seedDealRegistrations(partners, ctx, '2026-12-07');
    });
    expect(seeded).toBe(7);
    const rows = await openSystemWork(knex, 'ptndemo', async (ctx) =>
      ctx.db('deal_registration as r').join('partner as p', 'p.id', 'r.partner').leftJoin('opportunity as o', 'o.id', 'r.opportunity').leftJoin('customer as c', 'c.id', 'r.customer')
        .orderBy('r.code').select('p.name as partner', 'r.status', 'r.customer_name', 'c.name as customer', 'o.partner as deal_partner', 'r.rejection_reason'),
    );
    const by = (status: string) => rows.filter((r: { status: string }) => r.status === status);
    expect(by('registered')).toHaveLength(3);
    expect(by('approved').map((r: Record<string, unknown>) => [r.customer, r.customer_name])).toEqual([['无锡新吴精密机械有限公司', '无锡新吴精密机械有限公司'], ['洛阳中州装备制造', '洛阳中州装备制造']]);
    const partnerIds = await openSystemWork(knex, 'ptndemo', async (ctx) => ctx.db('partner').whereIn('name', by('approved').map((r: { partner: string }) => r.partner)).pluck('id'));
    expect(by('approved').every((r: { deal_partner: string }) => partnerIds.includes(r.deal_partner))).toBe(true);
    expect(by('rejected').map((r: { rejection_reason: string }) => Boolean(r.rejection_reason))).toEqual([true, true]);
  });
});
