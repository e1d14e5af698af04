import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Surveys-Demo-2026';
type Row = Record<string, any>;

/** The demo tenant's surveys: two surveys, about 30 answered responses over several months, reports with figures, complaints from low scores. */
describe('surveys: demo data', () => {
  let close: () => Promise<void>;
  let as: ReturnType<typeof api>;

  beforeAll(async () => {
    const started = await startTestServer();
    close = () => started.server.close();
    await provisionTenant({ slug: 'demo_svy', adminEmail: 'admin@demo_svy.local', adminPassword: PASSWORD, plugins: ['surveys'], demoData: true }, { knex: started.db.knex });
    await fetch(`${started.url}/api/health/live`).catch(() => undefined);
    as = api(started.url, (await api(started.url)('POST', '/api/auth/login', { tenant: 'demo_svy', email: 'admin@demo_svy.local', password: PASSWORD })).body.token);
  }, 600_000);
  afterAll(async () => close?.());

  it('answers the after-case CSAT and after-order NPS surveys over months, and opens a complaint for each low score', async () => {
    const surveys = (await as('GET', '/api/records/survey?limit=50')).body.data as Row[];
    expect(surveys.map((s) => s.trigger).sort()).toEqual(['case_archived', 'order_completed']);
    const responses = (await as('GET', '/api/records/survey_response?limit=200')).body.data as Row[];
    const answered = responses.filter((r) => r.status === 'answered');
    expect(answered.length).toBeGreaterThanOrEqual(25);
    expect(responses.some((r) => r.status === 'pending')).toBe(true);
    expect(new Set(answered.map((r) => String(r.answered_at).slice(0, 7))).size).toBeGreaterThanOrEqual(4);
    const low = answered.filter((r) => (r.csat !== null && r.csat <= 2) || (r.nps !== null && r.nps <= 6));
    expect(low.length).toBeGreaterThan(0);
    for (const r of low) expect(r.complaint_case).toEqual(expect.any(String));
    expect(answered.filter((r) => !low.includes(r)).every((r) => r.complaint_case === null)).toBe(true);
    const byMonth = (await as('POST', '/api/reports/nps_by_month/run', {})).body.rows as Row[];
    expect(byMonth.length).toBeGreaterThanOrEqual(3);
    const csatByTeam = (await as('POST', '/api/reports/csat_by_team/run', {})).body.rows as Row[];
    expect(csatByTeam.length).toBeGreaterThan(0);
    for (const row of csatByTeam) expect(Number(row.avg_csat)).toBeGreaterThanOrEqual(1);
  });
});
