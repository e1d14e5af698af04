import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { DEFAULT_CALENDAR, type BusinessCalendar, type TenantTime } from '../time/index.js';
import { compileExpression, compilePredicate, evaluateRule, ruleAccepts, type ResolvedVar } from './index.js';

/** Business-time operators and $today: the SQL form (tenant rung 011's functions) answers as memory does. */

const lunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const CHINA: BusinessCalendar = {
  workingHours: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch, sat: [], sun: [] },
  holidays: [
    { date: '2026-02-16' }, { date: '2026-02-17' }, { date: '2026-02-18' }, { date: '2026-02-19' }, { date: '2026-02-20' },
    { date: '2026-10-01' }, { date: '2026-10-02' }, { date: '2026-10-05' }, { date: '2026-10-06' }, { date: '2026-10-07' },
  ],
  adjustedWorkdays: [{ date: '2026-02-14' }, { date: '2026-02-28', as: 'fri' }, { date: '2026-10-10' }],
};
const NIGHTS: BusinessCalendar = { workingHours: { sat: [{ start: '20:00', end: '24:00' }], sun: [{ start: '00:00', end: '06:00' }] } };

const TIMES: TenantTime[] = [
  { timeZone: 'Asia/Shanghai', calendar: CHINA },
  { timeZone: 'UTC', calendar: DEFAULT_CALENDAR },
  { timeZone: 'America/New_York', calendar: DEFAULT_CALENDAR },
  { timeZone: 'Europe/Berlin', calendar: NIGHTS },
];

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-01-10T00:00:00Z');
const instant = fc.integer({ min: FROM / 1000, max: TO / 1000 }).map((s) => new Date(s * 1000 + (s % 7) * 111).toISOString());
const hours = fc.integer({ min: 0, max: 12000 }).map((x) => x / 100);

let db: Db;
let tenant: Tenant;
beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTenant(db.knex, { slug: 'business_time' });
});
afterAll(async () => db?.close());

const VARS: Record<string, ResolvedVar['type']> = { a: 'datetime', b: 'datetime', h: 'number', d: 'date' };
const scopeOf = (time: TenantTime, values: Record<string, unknown>, now?: Date) => ({
  now,
  timeZone: time.timeZone,
  calendar: time.calendar,
  resolveVar: (path: string): ResolvedVar | undefined =>
    VARS[path] ? { sql: `cast(? as ${VARS[path] === 'datetime' ? 'timestamptz' : VARS[path] === 'number' ? 'numeric' : 'date'})`, bindings: [values[path]], type: VARS[path] } : undefined,
});

const sqlValue = async (rule: unknown, time: TenantTime, values: Record<string, unknown>): Promise<unknown> => {
  const { sql, bindings } = compileExpression(rule, scopeOf(time, values));
  const { rows } = await withTenant(db.knex, tenant, (trx) => trx.raw(`select ${sql} as v`, bindings as never[]));
  return rows[0].v;
};

const ms = (v: unknown): number | null => (v === null ? null : new Date(v as string).getTime());

describe('business time in SQL and in memory', () => {
  it('add_business_hours lands on the same instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TIMES), instant, hours, async (time, a, h) => {
        const rule = { add_business_hours: [{ var: 'a' }, { var: 'h' }] };
        const memory = evaluateRule(rule, { a, h, $time: time });
        expect(ms(await sqlValue(rule, time, { a, h }))).toBe(ms(memory));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('business_hours_between counts the same hours, either way round', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TIMES), instant, fc.integer({ min: -60 * 86400, max: 60 * 86400 }), async (time, a, offset) => {
        const b = new Date(Date.parse(a) + offset * 1000 + 37).toISOString();
        const rule = { business_hours_between: [{ var: 'a' }, { var: 'b' }] };
        const memory = evaluateRule(rule, { a, b, $time: time });
        expect(Number(await sqlValue(rule, time, { a, b }))).toBe(memory);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('skips weekends, holidays and lunch, and works make-up days', () => {
    const china = { $time: TIMES[0] };
    // Friday 2026-03-06 17:00 Beijing + 4 h: 1 h on Friday, 3 h on Monday morning.
    expect(evaluateRule({ add_business_hours: ['2026-03-06T09:00:00Z', 4] }, china)).toBe('2026-03-09T04:00:00.000Z');
    // Friday 2026-02-13 17:00 + 4 h: Saturday 2026-02-14 is a make-up workday.
    expect(evaluateRule({ add_business_hours: ['2026-02-13T09:00:00Z', 4] }, china)).toBe('2026-02-14T04:00:00.000Z');
    // Wednesday 2026-09-30 17:00 + 8 h: National Day holidays, back on Thursday 2026-10-08 at 17:30.
    expect(evaluateRule({ add_business_hours: ['2026-09-30T09:00:00Z', 8] }, china)).toBe('2026-10-08T09:30:00.000Z');
    expect(evaluateRule({ business_hours_between: ['2026-09-30T09:00:00Z', '2026-10-08T09:30:00Z'] }, china)).toBe(8);
    expect(evaluateRule({ business_hours_between: ['2026-10-08T09:30:00Z', '2026-09-30T09:00:00Z'] }, china)).toBe(-8);
  });
});

describe('$today and calendar days in the tenant zone', () => {
  // 2026-03-01 23:30 UTC is 2026-03-02 07:30 in Beijing: before 08:00 there, the UTC date is still the 1st.
  const now = new Date('2026-03-01T23:30:00Z');
  const beijing: TenantTime = { timeZone: 'Asia/Shanghai', calendar: CHINA };

  it('is the Beijing date for a Beijing tenant, in SQL as in memory', async () => {
    const rule = { '==': [{ var: 'd' }, { var: '$today' }] };
    const { sql, bindings } = compilePredicate(rule, scopeOf(beijing, { d: '2026-03-02' }, now));
    const { rows } = await withTenant(db.knex, tenant, (trx) => trx.raw(`select ${sql} as v`, bindings as never[]));
    expect(rows[0].v).toBe(true);
    const { sql: utcSql, bindings: utcBindings } = compilePredicate(rule, scopeOf({ timeZone: 'UTC', calendar: CHINA }, { d: '2026-03-02' }, now));
    expect((await withTenant(db.knex, tenant, (trx) => trx.raw(`select ${utcSql} as v`, utcBindings as never[]))).rows[0].v).toBe(false);
  });

  it('counts days between instants by their day in the zone', async () => {
    const rule = { days_between: [{ var: 'a' }, { var: 'b' }] };
    const values = { a: '2026-03-01T15:00:00Z', b: '2026-03-01T17:00:00Z' }; // 23:00 and 01:00 next day in Beijing
    expect(evaluateRule(rule, { ...values, $time: beijing })).toBe(1);
    expect(Number(await sqlValue(rule, beijing, values))).toBe(1);
    expect(evaluateRule(rule, { ...values, $time: { timeZone: 'UTC', calendar: CHINA } })).toBe(0);
    const added = { date_add: ['2026-03-01T17:00:00Z', 1] };
    expect(evaluateRule(added, { $time: beijing })).toBe('2026-03-03');
    expect(ruleAccepts({ '==': [{ var: '$today' }, '2026-03-02'] }, { $today: '2026-03-02', $time: beijing })).toBe(true);
  });
});
