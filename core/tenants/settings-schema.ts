import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import type { FieldProblem } from '../errors.js';
import { dateOfDayNumber, dayNumber, isTimeZone } from '../time/index.js';

const hhmm = { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const name = { type: 'string', maxLength: 100 };
const weekday = { enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] };
const periods = {
  type: 'array',
  maxItems: 6,
  items: { type: 'object', properties: { start: hhmm, end: hhmm }, required: ['start', 'end'], additionalProperties: false },
};

/** JSON Schema of the tenant settings document (GET|PUT /api/settings). */
export const SETTINGS_SCHEMA = {
  $id: 'tenant-settings',
  type: 'object',
  properties: {
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai.' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. CNY.' },
    locale: { enum: ['en', 'zh-CN'] },
    weekStart: weekday,
    fiscalYearStart: { type: 'integer', minimum: 1, maximum: 12, description: 'Month the fiscal year starts (1 = January).' },
    recycleBinDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Days a deleted record stays in the recycle bin; the hourly maintenance purges it after that, and a tenant admin may purge it by hand no earlier (default 30).' },
    businessCalendar: {
      type: 'object',
      properties: {
        workingHours: {
          type: 'object',
          properties: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, periods])),
          additionalProperties: false,
        },
        holidays: { type: 'array', maxItems: 1000, items: { type: 'object', properties: { date, name }, required: ['date'], additionalProperties: false } },
        adjustedWorkdays: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'object', properties: { date, name, as: weekday }, required: ['date'], additionalProperties: false },
        },
      },
      required: ['workingHours'],
      additionalProperties: false,
    },
    singleSignOn: {
      type: 'object',
      description: "OpenID Connect sign-in for the tenant's staff. The client secret is write-only: reading the settings shows clientSecretSet instead.",
      properties: {
        enabled: { type: 'boolean', description: 'Offer the provider on the sign-in page (default true).' },
        name: { type: 'string', minLength: 1, maxLength: 60, description: 'The provider as the sign-in page names it ("Sign in with <name>").' },
        issuer: { type: 'string', minLength: 8, maxLength: 500, pattern: '^https?://', description: 'The issuer URL (discovery at <issuer>/.well-known/openid-configuration). Plain http only for a provider on this machine.' },
        clientId: { type: 'string', minLength: 1, maxLength: 200 },
        clientSecret: { type: 'string', minLength: 1, maxLength: 500, description: 'Write-only. Leave out to keep the stored one.' },
        clientSecretSet: { type: 'boolean', description: 'Read-only: whether a client secret is stored.' },
        scopes: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[!-~]{1,100}$' }, description: 'Scopes besides openid (default email profile).' },
        createUsers: { type: 'boolean', description: 'Create a user at the first sign-in of a verified address the tenant does not know (default true).' },
        roleClaim: { type: 'string', minLength: 1, maxLength: 100, description: 'The claim naming the person\'s groups or roles (a string or a list), e.g. groups.' },
        roleMap: {
          type: 'object',
          maxProperties: 200,
          additionalProperties: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' } },
          description: 'A claim value → the roles it gives.',
        },
        defaultRoles: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' }, description: 'Roles of a person no mapped claim value names.' },
      },
      required: ['name', 'issuer', 'clientId'],
      additionalProperties: false,
    },
    bulkMailConfirmAbove: { type: 'integer', minimum: 0, maximum: 100000, description: 'A bulk mail to more recipients than this needs the sender to confirm the number (unset: 500).' },
    bulkMailPerMinute: { type: 'integer', minimum: 1, maximum: 100000, description: "Messages the tenant's bulk mail sends per minute at most; its bulks send one at a time (unset: 300)." },
  },
  required: ['timeZone', 'currency', 'locale', 'weekStart', 'fiscalYearStart', 'businessCalendar'],
  additionalProperties: false,
} as const;

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(SETTINGS_SCHEMA);

const pointerOf = (e: ErrorObject): FieldProblem => {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath.replace(/^\//, '');
  if (e.keyword === 'required') return { field: at ? `${at}/${p.missingProperty}` : String(p.missingProperty), message: 'is required', code: 'REQUIRED' };
  if (e.keyword === 'additionalProperties') return { field: at ? `${at}/${p.additionalProperty}` : String(p.additionalProperty), message: 'is not a setting', code: 'UNKNOWN_FIELD' };
  return { field: at, message: e.message ?? 'is not valid', code: 'FORMAT' };
};

const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** What the structure cannot say: a known zone, real dates, periods in order, a day not both holiday and workday. */
const meaningProblems = (doc: Record<string, any>): FieldProblem[] => {
  const out: FieldProblem[] = [];
  if (!isTimeZone(doc.timeZone)) out.push({ field: 'timeZone', message: 'is not a known IANA time zone (e.g. Asia/Shanghai)', code: 'FORMAT' });
  const cal = doc.businessCalendar ?? {};
  for (const [day, list] of Object.entries<Array<{ start: string; end: string }>>(cal.workingHours ?? {})) {
    let last = -1;
    list.forEach((p, i) => {
      if (minutes(p.start) >= minutes(p.end)) out.push({ field: `businessCalendar/workingHours/${day}/${i}`, message: 'must start before it ends', code: 'RANGE' });
      else if (minutes(p.start) < last) out.push({ field: `businessCalendar/workingHours/${day}/${i}`, message: 'must start after the period before it ends', code: 'RANGE' });
      last = Math.max(last, minutes(p.end));
    });
  }
  const realDate = (d: string) => dayNumber(d) !== null && dateOfDayNumber(dayNumber(d)!) === d;
  const holidays = new Set<string>();
  (cal.holidays ?? []).forEach((h: { date: string }, i: number) => {
    if (!realDate(h.date)) out.push({ field: `businessCalendar/holidays/${i}/date`, message: 'is not a date', code: 'FORMAT' });
    holidays.add(h.date);
  });
  (cal.adjustedWorkdays ?? []).forEach((a: { date: string }, i: number) => {
    if (!realDate(a.date)) out.push({ field: `businessCalendar/adjustedWorkdays/${i}/date`, message: 'is not a date', code: 'FORMAT' });
    else if (holidays.has(a.date)) out.push({ field: `businessCalendar/adjustedWorkdays/${i}/date`, message: 'is also a holiday', code: 'CONFLICT' });
  });
  return out;
};

/** Every problem of a settings document (empty: valid), fields named by JSON pointer without the leading slash. */
export const settingsProblems = (doc: unknown): FieldProblem[] => {
  if (!validate(doc)) {
    const out = (validate.errors ?? []).map(pointerOf);
    const zone = (doc as { timeZone?: unknown } | null)?.timeZone;
    if (!out.some((p) => p.field === 'timeZone') && !isTimeZone(zone)) out.push({ field: 'timeZone', message: 'is not a known IANA time zone (e.g. Asia/Shanghai)', code: 'FORMAT' });
    return out;
  }
  return meaningProblems(doc as unknown as Record<string, unknown>);
};
