import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, checkPluginMetadata, provisionTenant, runDueTriggers, smtpSink, startTestServer, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Richeng-2026';
type Call = ReturnType<typeof api>;

/** Polls until `fn` gives a truthy value (10 s at most). */
const until = async <T>(fn: () => Promise<T> | T, what: string): Promise<NonNullable<T>> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Calendar and tasks over real HTTP in a Berlin tenant (summer time starts 2027-03-28):
 * conflicts across repeats and zones, free/busy and the team overlay under the record
 * scope, the iCalendar feed, reminders and e-mailed invitations.
 */
describe('workspace: calendar and tasks', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let url: string;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let savedSmtp: string | undefined;

  beforeAll(async () => {
    sink = await smtpSink();
    savedSmtp = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
    const started = await startTestServer({ workflows: true });
    close = () => started.server.close();
    knex = started.db.knex;
    url = started.url;
  }, 600_000);
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.CRM_SMTP_URL;
    else process.env.CRM_SMTP_URL = savedSmtp;
    await close?.();
    await sink?.close();
  });

  /**
   * A fresh Berlin tenant: two account managers of team east (li, wang), a director (zhao),
   * a customer contact, li's weekly meeting (Mondays 09:00–10:00 Berlin from 2027-03-15,
   * six times, not on 2027-04-12) with wang and the contact, and li's call on 2027-03-22 10:00Z.
   */
  const scene = async (slug: string) => {
    const { tenant } = await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: ['workspace'], settings: { timeZone: 'Europe/Berlin', currency: 'EUR', locale: 'en' } }, { knex });
    const as: Record<string, Call> = {};
    const ids: Record<string, string> = {};
    // Provisioning outlasts the server's keep-alive: a first GET takes the closed socket out of the pool.
    await fetch(`${url}/api/health/live`).catch(() => undefined);
    as.admin = api(url, (await api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD })).body.token);
    for (const [login, roles, team] of [['li', ['account_manager'], 'east'], ['wang', ['account_manager'], 'east'], ['zhao', ['sales_director'], 'lead']] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${login}@${slug}.local`, password: PASSWORD, name: login, roles, team });
      expect(made.status).toBe(201);
      ids[login] = made.body.id;
      as[login] = api(url, (await api(url)('POST', '/api/auth/login', { tenant: slug, email: `${login}@${slug}.local`, password: PASSWORD })).body.token);
    }
    const customer = (await as.admin('POST', '/api/records/customer', { name: 'Müller Maschinenbau GmbH' })).body;
    const contact = String((await as.admin('POST', '/api/records/contact', { customer: customer.id, name: 'Anna Müller', email: 'anna@mueller.test' })).body.id);
    const meeting = await as.admin('POST', '/api/x/workspace/appointments', {
      subject: 'Weekly sales meeting', starts_at: '2027-03-15T08:00:00Z', ends_at: '2027-03-15T09:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6', exceptions: '2027-04-12',
      owner_id: ids.li, attendees: [{ user: ids.wang }, { contact }],
    });
    expect(meeting.status).toBe(200);
    expect(meeting.body.conflicts).toEqual([]);
    const call = await as.li('POST', '/api/x/workspace/appointments', { subject: 'Customer call', starts_at: '2027-03-22T10:00:00Z', ends_at: '2027-03-22T11:00:00Z' });
    expect(call.body.conflicts).toEqual([]);
    const check = (body: Record<string, unknown>, who: Call = as.admin) => who('POST', '/api/x/workspace/appointments/check', body);
    const count = async () => Number((await knex.withSchema(tenant.schema).from('appointment').count({ n: '*' }))[0].n);
    return { tenant, as, ids, contact, meeting: meeting.body, check, count };
  };

  it('passes the metadata check', async () => {
    expect(await checkPluginMetadata('workspace')).toEqual([]);
  });

  it("warns of conflicts across repeats and zones: the weekly 09:00 Berlin meeting moves in UTC with summer time, skipped dates and declined attendees are free", async () => {
    const { as, ids, contact, meeting, check, count } = await scene('wsconflicts');
    expect(meeting.attendees.map((a: { name: string; email: string }) => a.email)).toContain('anna@mueller.test');
    const id = meeting.appointment.id;

    // 2027-03-29 is in summer time: the meeting is 07:00–08:00Z.
    const summer = await check({ starts_at: '2027-03-29T07:30:00Z', ends_at: '2027-03-29T08:00:00Z', attendees: [{ user: ids.wang }] });
    expect(summer.status).toBe(200);
    expect(summer.body.conflicts).toEqual([
      { holder: `user:${ids.wang}`, start: '2027-03-29T07:00:00.000Z', end: '2027-03-29T08:00:00.000Z', appointment: { id, subject: 'Weekly sales meeting' }, at: { start: '2027-03-29T07:30:00.000Z', end: '2027-03-29T08:00:00.000Z' } },
    ]);
    // 08:15Z would collide had the repeat kept the winter UTC time; it did not.
    expect((await check({ starts_at: '2027-03-29T08:15:00Z', ends_at: '2027-03-29T09:00:00Z', attendees: [{ user: ids.wang }] })).body.conflicts).toEqual([]);
    // The contact: not on the skipped 2027-04-12, busy on 2027-04-19.
    expect((await check({ starts_at: '2027-04-12T07:30:00Z', ends_at: '2027-04-12T08:30:00Z', attendees: [{ contact }] })).body.conflicts).toEqual([]);
    expect((await check({ starts_at: '2027-04-19T07:30:00Z', ends_at: '2027-04-19T08:30:00Z', attendees: [{ contact }] })).body.conflicts.map((c: { holder: string }) => c.holder)).toEqual([`contact:${contact}`]);

    // A daily 09:30 Berlin call for ten days from 2027-04-01 meets the meeting on 04-05 and 04-19 is past its end: one conflict (04-12 skipped).
    const daily = await check({ starts_at: '2027-04-01T07:30:00Z', ends_at: '2027-04-01T08:30:00Z', recurrence: 'FREQ=DAILY;COUNT=12', attendees: [{ user: ids.wang }] });
    expect(daily.body.conflicts.map((c: { at: { start: string } }) => c.at.start)).toEqual(['2027-04-05T07:30:00.000Z']);

    // Wang declines: no longer busy; the organiser still is.
    const wangRow = meeting.attendees.find((a: { staff: string }) => a.staff === ids.wang);
    expect((await as.wang('PATCH', `/api/records/appointment_attendee/${wangRow.id}`, { response: 'declined' }, { 'If-Match': String(wangRow.version) })).status).toBe(200);
    expect((await check({ starts_at: '2027-03-29T07:30:00Z', ends_at: '2027-03-29T08:00:00Z', attendees: [{ user: ids.wang }] })).body.conflicts).toEqual([]);
    expect((await check({ starts_at: '2027-03-29T07:30:00Z', ends_at: '2027-03-29T08:00:00Z', owner_id: ids.li })).body.conflicts).toHaveLength(1);

    // Saving over a conflict warns; with strict it refuses and nothing is saved.
    const before = await count();
    const strict = await as.li('POST', '/api/x/workspace/appointments', { subject: 'Customer call', starts_at: '2027-03-22T08:30:00Z', ends_at: '2027-03-22T09:30:00Z', strict: true });
    expect(strict.status).toBe(409);
    expect(strict.body.code).toBe('SCHEDULE_CONFLICT');
    expect(await count()).toBe(before);
    const warned = await as.li('POST', '/api/x/workspace/appointments', { subject: 'Another call', starts_at: '2027-03-22T08:30:00Z', ends_at: '2027-03-22T09:30:00Z' });
    expect(warned.status).toBe(200);
    expect(warned.body.conflicts).toHaveLength(1);
    expect(await count()).toBe(before + 1);

    // Moving it (as a drag in the calendar does) clears the conflict.
    const moved = await as.li('PATCH', `/api/x/workspace/appointments/${warned.body.appointment.id}`, { starts_at: '2027-03-22T12:00:00Z', ends_at: '2027-03-22T13:00:00Z' });
    expect(moved.status).toBe(200);
    expect(moved.body.conflicts).toEqual([]);

    // Bad input is refused with its fields and changes nothing.
    const bad = await as.li('POST', '/api/x/workspace/appointments', { subject: 'x', starts_at: '2027-03-22T10:00:00Z', ends_at: '2027-03-22T09:00:00Z', recurrence: 'EVERY DAY' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['ends_at', 'recurrence']);
    expect(await count()).toBe(before + 1);
  }, 600_000);

  it("answers free/busy for anyone and a team overlay with details only of what the caller may read", async () => {
    const { as, ids, check } = await scene('wsteam');
    const own = await as.wang('POST', '/api/x/workspace/appointments', { subject: 'Wang: site visit', starts_at: '2027-03-23T12:00:00Z', ends_at: '2027-03-23T13:00:00Z', location: 'Hamburg' });
    expect(own.status).toBe(200);
    const window = 'from=2027-03-22T00:00:00Z&to=2027-03-24T00:00:00Z';
    const fb = await as.wang('GET', `/api/x/workspace/free-busy?${window}&users=${ids.li},${ids.wang}`);
    expect(fb.status).toBe(200);
    expect(fb.body.data[`user:${ids.li}`]).toEqual([
      { start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T09:00:00.000Z' },
      { start: '2027-03-22T10:00:00.000Z', end: '2027-03-22T11:00:00.000Z' },
    ]);
    const team = await as.wang('GET', `/api/x/workspace/team-calendar?team=east&${window}`);
    expect(team.status).toBe(200);
    const li = team.body.members.find((m: { id: string }) => m.id === ids.li);
    const wang = team.body.members.find((m: { id: string }) => m.id === ids.wang);
    expect(li.busy).toHaveLength(2);
    expect(li.items).toEqual([]);
    expect(wang.items.map((i: { title: string }) => i.title)).toEqual(['Wang: site visit']);
    // The director reads everyone's: li's meeting occurrence and call, by title.
    const all = await as.zhao('GET', `/api/x/workspace/team-calendar?team=east&${window}`);
    expect(all.body.members.find((m: { id: string }) => m.id === ids.li).items.map((i: { title: string }) => i.title)).toEqual(['Weekly sales meeting', 'Customer call']);
    // A conflict with li's call tells wang only that li is busy.
    const c = await check({ starts_at: '2027-03-22T10:30:00Z', ends_at: '2027-03-22T10:45:00Z', owner_id: ids.li }, as.wang);
    expect(c.body.conflicts[0].appointment).toEqual({ id: expect.any(String) });
    expect((await as.wang('GET', `/api/x/workspace/free-busy?from=2027-03-22T00:00:00Z&to=2026-03-24T00:00:00Z&users=${ids.li}`)).status).toBe(400);
  }, 600_000);

  it('serves each user an iCalendar feed at a secret address, and renewing the secret retires the old one', async () => {
    const { as } = await scene('wsfeed');
    const made = await as.li('POST', '/api/x/workspace/feed', {});
    expect(made.status).toBe(200);
    expect(made.body.path).toMatch(/^\/api\/public\/wsfeed\/x\/workspace\/feed\/[\w-]{43}\.ics$/);
    const res = await fetch(`${url}${made.body.path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('SUMMARY:Weekly sales meeting');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20270315T090000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6');
    expect(lines).toContain('EXDATE;TZID=Europe/Berlin:20270412T090000');
    expect(lines).toContain('DTSTART:20270322T100000Z');
    expect(lines).toContain('TZID:Europe/Berlin');
    expect(text).not.toContain('Wang: site visit');
    expect((await as.li('POST', '/api/x/workspace/feed', {})).body.path).toBe(made.body.path);
    const renewed = await as.li('POST', '/api/x/workspace/feed', { renew: true });
    expect(renewed.status).toBe(200);
    expect(renewed.body.path).toMatch(/\.ics$/);
    expect(renewed.body.path).not.toBe(made.body.path);
    // A secret sent by hand is not taken: the server makes it.
    const feed = (await as.li('GET', '/api/records/calendar_feed')).body.data[0];
    const forced = await as.li('PATCH', `/api/records/calendar_feed/${feed.id}`, { token: 'x'.repeat(40) }, { 'If-Match': String(feed.version) });
    expect(forced.body.token).not.toBe('x'.repeat(40));
    expect((await fetch(`${url}${made.body.path}`)).status).toBe(404);
    expect((await fetch(`${url}${renewed.body.path}`)).status).toBe(404);
    expect((await fetch(`${url}/api/public/wsfeed/x/workspace/feed/${forced.body.token}.ics`)).status).toBe(200);
  }, 600_000);

  it('reminds by notification and e-mail before each occurrence and of tasks, and e-mails external attendees an .ics invitation', async () => {
    const { as, ids, tenant } = await scene('wsremind');
    // Daily at 14:00 Berlin (12:00Z in summer), three times, 15 minutes' reminder; one outside guest.
    const made = await as.li('POST', '/api/x/workspace/appointments', {
      subject: 'Angebot besprechen; Preise, Lieferzeit', starts_at: '2027-06-01T12:00:00Z', ends_at: '2027-06-01T13:00:00Z', recurrence: 'FREQ=DAILY;COUNT=3', reminder_minutes: 15,
      attendees: [{ email: 'guest@partner.test', name: 'Guest' }],
    });
    expect(made.status).toBe(200);
    const id = made.body.appointment.id;
    expect(made.body.appointment.remind_at).toBe('2027-06-01T11:45:00.000Z');
    const invite = await until(() => sink.messages.find((m) => JSON.stringify(m.to).includes('guest@partner.test')), 'the invitation');
    expect(invite.subject).toContain('Angebot besprechen');
    const ics = invite.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const icsText = ics!.content.toString('utf8');
    expect(icsText).toContain('METHOD:REQUEST\r\n');
    expect(icsText).toContain('SUMMARY:Angebot besprechen\\; Preise\\, Lieferzeit\r\n');
    expect(icsText.replace(/\r\n /g, '')).toContain('ATTENDEE;CN="Guest";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:guest@partner.test\r\n');

    const mailsTo = (address: string) => sink.messages.filter((m) => JSON.stringify(m.to).includes(address) && m.subject?.startsWith('Reminder'));
    await runDueTriggers(knex, new Date('2027-06-01T11:44:00Z'));
    expect(mailsTo('li@wsremind.local')).toHaveLength(0);
    await runDueTriggers(knex, new Date('2027-06-01T11:45:30Z'));
    await until(() => mailsTo('li@wsremind.local').length === 1, 'the first reminder');
    // The next reminder is set for the second occurrence.
    const next = await until(async () => {
      const r = (await as.li('GET', `/api/records/appointment/${id}`)).body;
      return r.remind_at === '2027-06-02T11:45:00.000Z' ? r : undefined;
    }, 'the next reminder');
    expect(next.reminded_for).toBe('2027-06-01T11:45:00.000Z');
    const notes = await knex.withSchema(tenant.schema).from('_notifications').where({ user_id: ids.li }).select('title');
    expect(notes.map((n) => n.title)).toContain('Reminder: Angebot besprechen; Preise, Lieferzeit');

    // A task: its assignee is reminded an hour before it is due.
    const task = await as.li('POST', '/api/records/task', { title: 'Send the quotation', due: '2027-06-03T15:00:00Z', reminder_minutes: 60, assignee: ids.li });
    expect(task.status).toBe(201);
    expect(task.body.remind_at).toBe('2027-06-03T14:00:00.000Z');
    await runDueTriggers(knex, new Date('2027-06-03T14:00:30Z'));
    await until(() => sink.messages.find((m) => m.subject?.includes('Send the quotation')), 'the task reminder');
  }, 600_000);
});
