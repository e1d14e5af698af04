import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const calendar = {
  workingHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }], sat: [], sun: [] },
  holidays: [{ date: '2026-10-01', name: '国庆节' }],
  adjustedWorkdays: [{ date: '2026-10-10', name: '国庆节调休上班', as: 'mon' }],
};

describe('tenant settings over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let admin: ReturnType<typeof api>;
  let member: ReturnType<typeof api>;

  beforeAll(async () => {
    let url: string;
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'settings_http')).token);
    const made = await admin('POST', '/api/users', { email: 'member@settings.test', password: 'Plain-Staff-2026', name: 'Member' });
    expect(made.body).toMatchObject({ email: 'member@settings.test' });
    member = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'settings_http', email: 'member@settings.test', password: 'Plain-Staff-2026' })).body.token);
  });
  afterAll(async () => server?.close());

  it('answers the defaults to every signed-in user, and only admins may change them', async () => {
    const read = await member('GET', '/api/settings');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ timeZone: 'UTC', currency: 'USD', locale: 'en', weekStart: 'mon', fiscalYearStart: 1, version: 0 });
    expect(read.headers.get('etag')).toBe('"0"');
    const refused = await member('PUT', '/api/settings', { timeZone: 'Asia/Shanghai' });
    expect(refused.status).toBe(403);
    expect((await admin('GET', '/api/settings')).body.timeZone).toBe('UTC');
  });

  it('refuses a bad document with every failing field and changes nothing', async () => {
    const bad = await admin('PUT', '/api/settings', { timeZone: 'Mars/Olympus_Mons', currency: 'yuan', fiscalYearStart: 13, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'currency', 'fiscalYearStart', 'timeZone']);
    const zone = await admin('PUT', '/api/settings', { timeZone: 'Mars/Olympus_Mons' });
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    const cal = await admin('PUT', '/api/settings', {
      businessCalendar: { workingHours: { mon: [{ start: '18:00', end: '09:00' }] }, holidays: [{ date: '2026-02-30' }, { date: '2026-10-10' }], adjustedWorkdays: [{ date: '2026-10-10' }] },
    });
    expect(cal.status).toBe(400);
    expect(cal.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'businessCalendar/workingHours/mon/0',
      'businessCalendar/holidays/0/date',
      'businessCalendar/adjustedWorkdays/0/date',
    ]);
    expect((await admin('PUT', '/api/settings', ['x'])).status).toBe(400);
    expect((await admin('GET', '/api/settings')).body.version).toBe(0);
  });

  it('saves with If-Match and answers 409 to a stale version', async () => {
    const saved = await admin('PUT', '/api/settings', { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN', fiscalYearStart: 4, businessCalendar: calendar }, { 'If-Match': '0' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN', weekStart: 'mon', fiscalYearStart: 4, businessCalendar: calendar, version: 1 });
    const stale = await admin('PUT', '/api/settings', { currency: 'USD' }, { 'If-Match': '0' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const again = await admin('PUT', '/api/settings', { weekStart: 'sun' }, { 'If-Match': '1' });
    expect(again.body).toMatchObject({ weekStart: 'sun', currency: 'CNY', version: 2 });
    expect((await member('GET', '/api/settings')).body).toMatchObject({ timeZone: 'Asia/Shanghai', weekStart: 'sun', version: 2 });
  });
});
