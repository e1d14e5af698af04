import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SETTINGS } from '../cli/demo-settings.js';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { Tenant } from '../db/tenant.js';
import type { DashboardDocument, ReportDocument } from '../metadata/types.js';
import { runReport, type ReportAnswer } from '../reports/index.js';
import { actorOfUser } from '../security/index.js';
import type { Actor } from '../records/types.js';
import { openTenantWork } from '../work/open-tenant-work.js';
import { provisionTenant } from './provision-tenant.js';

/**
 * The demo as `npm start` makes it (every plugin with its demo data, the demo settings):
 * every report a plugin ships, and so every widget of every dashboard the app and the
 * studio's designer open, answers with figures — a year of data behind each screen.
 */
describe('the demo gives every report and dashboard something to show', () => {
  let db: Db;
  let tenant: Tenant;
  let admin: Actor;

  beforeAll(async () => {
    db = await openTestDatabase();
    const made = await provisionTenant({ slug: 'demo_reports', adminEmail: 'admin@demo.local', adminPassword: 'Demo-password-1', plugins: 'all', demoData: true, settings: DEMO_SETTINGS }, { knex: db.knex });
    tenant = made.tenant;
    admin = await actorOfUser({ tenantId: tenant.id, id: made.admin.id }, { knex: db.knex });
  }, 900_000);
  afterAll(() => db?.close());

  /** An answer with at least one row carrying a measure that is not empty or zero. */
  const hasFigures = (answer: ReportAnswer): boolean => {
    const measures = answer.columns.filter((c) => c.kind === 'measure').map((c) => c.key);
    return answer.rows.some((row) => measures.some((m) => row[m] !== null && row[m] !== undefined && Number(row[m]) !== 0));
  };

  const inDemo = <T>(fn: Parameters<typeof openTenantWork<T>>[2]) => openTenantWork(db.knex, { tenant, actor: admin, door: 'http' }, fn);

  it('answers every report with figures, labelled in English and Chinese', async () => {
    const { reports, empty } = await inDemo(async (ctx) => {
      const docs = Object.values(ctx.meta.documents.report ?? {}) as unknown as ReportDocument[];
      const without: string[] = [];
      for (const doc of docs) if (!hasFigures(await runReport(doc.name, {}, ctx))) without.push(doc.name);
      return { reports: docs, empty: without };
    });
    expect(reports.length).toBeGreaterThan(40);
    expect(empty).toEqual([]);
    for (const doc of reports) expect([doc.name, Boolean(doc.label.en?.trim()), Boolean(doc.label['zh-CN']?.trim())]).toEqual([doc.name, true, true]);
  });

  it('fills every dashboard with widgets of reports, and charts a year month by month', async () => {
    const { dashboards, missing, months } = await inDemo(async (ctx) => {
      const docs = Object.values(ctx.meta.documents.dashboard ?? {}) as unknown as DashboardDocument[];
      const gone = docs.flatMap((d) => d.widgets.filter((w) => !ctx.meta.documents.report?.[w.report]).map((w) => `${d.name}/${w.id}`));
      // The charts by month: how many months each fills.
      const monthly = (Object.values(ctx.meta.documents.report ?? {}) as unknown as ReportDocument[]).filter(
        (r) => r.chart && r.groupBy?.length === 1 && typeof r.groupBy[0] === 'object' && r.groupBy[0].granularity === 'month',
      );
      const filled: number[] = [];
      for (const r of monthly) filled.push((await runReport(r.name, {}, ctx)).rows.length);
      return { dashboards: docs, missing: gone, months: filled };
    });
    expect(dashboards.length).toBeGreaterThan(4);
    expect(missing).toEqual([]);
    for (const d of dashboards) expect([d.name, d.widgets.length > 1, Boolean(d.label.en?.trim()), Boolean(d.label['zh-CN']?.trim())]).toEqual([d.name, true, true, true]);
    // A year of data: some monthly chart has twelve (or thirteen, counting this month's start a year ago) months.
    expect(Math.max(...months)).toBeGreaterThanOrEqual(12);
  });
});
