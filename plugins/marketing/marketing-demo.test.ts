import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Campaign-Year-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** A tenant with the marketing demo (over the customers and sales demo), used by the demo marketing users and the analysis. */
describe('marketing: demo data and analysis', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let tenant: Tenant;
  const as: Record<string, Call> = {};
  const sql = async (query: string): Promise<Row[]> => withTenant(knex, tenant, async (trx) => (await trx.raw(query)).rows);
  const run = async (who: string, report: string) => {
    const res = await as[who]('POST', `/api/reports/${report}/run`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.rows as Row[];
  };

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    knex = db.knex;
    ({ tenant } = await provisionTenant({ slug: 'demo_mkt', adminEmail: 'admin@demo_mkt.local', adminPassword: PASSWORD, plugins: ['marketing'], demoData: true }, { knex }));
    for (const login of ['admin', 'marketing', 'sunli', 'director']) {
      const res = await api(url)('POST', '/api/auth/login', { tenant: 'demo_mkt', email: `${login}@demo_mkt.local`, password: PASSWORD });
      expect(res.status, login).toBe(200);
      as[login] = api(url, res.body.token);
    }
  }, 600_000); // four plugins' demo data through the record service: provisioned once for the whole file, every test below only reads it
  afterAll(async () => close?.());

  it('seeds a programme with a year of campaigns moved to where they stand, with costs, members, responses and leads', async () => {
    const [counts] = await sql(`select
      (select count(*) from campaign)::int as campaigns,
      (select count(*) from campaign where status = 'completed')::int as completed,
      (select count(*) from campaign where status = 'active')::int as active,
      (select count(*) from campaign_member)::int as members,
      (select count(*) from campaign_response)::int as responses,
      (select count(*) from lead where source_campaign is not null)::int as leads,
      (select count(*) from opportunity where source_campaign is not null and stage = 'won')::int as won,
      (select count(*) from campaign_cost)::int as costs`);
    expect(counts.campaigns).toBe(14);
    expect(counts.completed).toBeGreaterThanOrEqual(8);
    expect(counts.active).toBeGreaterThanOrEqual(1);
    expect(counts.members).toBeGreaterThan(500);
    expect(counts.responses).toBeGreaterThan(100);
    expect(counts.leads).toBeGreaterThan(10);
    expect(counts.won).toBeGreaterThan(5);
    expect(counts.costs).toBeGreaterThan(30);
  });

  it('gives every report of the marketing dashboard a story, for the manager and the sales director', async () => {
    const roi = await run('marketing', 'campaign_roi');
    expect(roi.length).toBeGreaterThanOrEqual(10);
    expect(roi.some((r) => Number(r.revenue) > 0 && Number(r.cost) > 0)).toBe(true);
    for (const report of ['campaign_funnel_by_channel', 'campaign_funnel_by_type', 'campaign_by_region', 'campaign_by_owner', 'campaigns_by_month', 'campaign_cost_by_category', 'campaign_members_by_status', 'campaign_responses_by_kind', 'market_by_region', 'market_by_region_product', 'attributed_orders', 'campaign_checklist_on_time']) {
      expect((await run('director', report)).length, report).toBeGreaterThan(0);
    }
    const dashboard = await as.marketing('GET', '/api/meta');
    expect(JSON.stringify(dashboard.body)).toContain('marketing_overview');
  });

  it('states the market by region and by product: customers, spend, purchasing power and each one\'s share', async () => {
    const byRegion = await as.director('GET', '/api/x/marketing/market');
    expect(byRegion.status, JSON.stringify(byRegion.body)).toBe(200);
    const regions = byRegion.body.rows as Row[];
    expect(regions.length).toBeGreaterThan(1);
    expect(regions.every((r) => r.customers > 0 && r.averageOrder > 0 && r.perCustomer >= r.averageOrder)).toBe(true);
    expect(regions.reduce((a, r) => a + r.share, 0)).toBeCloseTo(100, 0);
    const byProduct = (await as.director('GET', '/api/x/marketing/market?by=product')).body.rows as Row[];
    const first = regions[0].region;
    expect(byProduct.filter((r) => r.region === first).reduce((a, r) => a + r.share, 0)).toBeCloseTo(100, 0);
    expect(byProduct.filter((r) => r.region === first).reduce((a, r) => a + r.spend, 0)).toBeCloseTo(regions[0].spend, 0);
    expect((await as.director('GET', '/api/x/marketing/market?by=colour')).status).toBe(400);
  });

  it('lets the demo marketer see her own campaigns only', async () => {
    const mine = (await as.sunli('GET', '/api/records/campaign?limit=100')).body.data as Row[];
    const all = (await as.marketing('GET', '/api/records/campaign?limit=100')).body.data as Row[];
    expect(all).toHaveLength(14);
    expect(mine.length).toBeLessThan(all.length);
  });
});
