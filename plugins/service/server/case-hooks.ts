import { addBusinessHours, DEFAULT_CALENDAR, type BeforeHook, type EffectiveMeta, type RecordContext, type TenantTime } from '../../../core/index.js';

/**
 * Business hours from report to the SLA due time, by priority: the `hours` attribute of the
 * `service_sla` dictionary item whose value is the priority (normal's for others).
 */
export const slaHours = (meta: Pick<EffectiveMeta, 'dictionaries'>, priority: unknown): number | undefined => {
  const items = meta.dictionaries.service_sla?.items ?? [];
  const hoursOf = (value: string) => {
    const h = items.find((i) => i.value === value)?.attributes?.hours;
    return typeof h === 'number' && h >= 0 ? h : undefined;
  };
  return hoursOf(String(priority)) ?? hoursOf('normal');
};

const time = (v: unknown): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  const t = v instanceof Date ? v.getTime() : new Date(String(v)).getTime();
  return Number.isNaN(t) ? undefined : t;
};

const nowOf = (ctx: RecordContext): Date => ctx.now ?? new Date();
const timeOf = (ctx: RecordContext): TenantTime => ctx.time ?? { timeZone: 'UTC', calendar: DEFAULT_CALENDAR };

/**
 * The SLA due time of a case reported at `reportedAt` (default: now) with `priority`: its
 * service level's hours counted on the tenant's business calendar, in the tenant's zone.
 */
export const slaDue = (reportedAt: unknown, priority: unknown, ctx: RecordContext): string | undefined => {
  const start = reportedAt === undefined || reportedAt === null ? nowOf(ctx).getTime() : time(reportedAt);
  if (start === undefined) return undefined; // an unreadable time: validation refuses the record
  const hours = slaHours(ctx.meta, priority);
  if (hours === undefined) return undefined;
  const t = timeOf(ctx);
  return addBusinessHours(start, hours, t.calendar, t.timeZone) ?? undefined;
};

/** Which time stamp entering a state sets. */
const STAMPS: Record<string, string> = { assigned: 'assigned_at', handled: 'handled_at', feedback: 'feedback_at' };
const OPEN = new Set(['new', 'assigned']);

/** A new case gets its SLA due time from its priority, unless one is given. */
export const stampNewCase: BeforeHook = (event, ctx) => {
  const data = event.data;
  if (data.sla_due === undefined || data.sla_due === null) {
    const due = slaDue(data.reported_at, data.priority, ctx);
    if (due) data.sla_due = due;
  }
};

/**
 * On every change of a case: entering assigned, handled or feedback stamps the time (a
 * time given with the change is kept, for imported history); a new priority or report
 * time of an open case moves its SLA due time, unless the change sets one itself.
 */
export const stampCaseChange: BeforeHook = (event, ctx) => {
  const data = event.data;
  const old = event.old ?? {};
  if (data.status !== undefined && data.status !== old.status) {
    const stamp = STAMPS[String(data.status)];
    if (stamp && data[stamp] === undefined) data[stamp] = nowOf(ctx).toISOString();
  }
  const repriced = ('priority' in data && data.priority !== old.priority) || ('reported_at' in data && time(data.reported_at) !== time(old.reported_at));
  if (repriced && OPEN.has(String(old.status)) && !('sla_due' in data)) {
    const due = slaDue(data.reported_at ?? old.reported_at, data.priority ?? old.priority, ctx);
    if (due) data.sla_due = due;
  }
};
