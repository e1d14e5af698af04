import { addDays, addMonths, createRecord, daysBetween, listRecords, localeOfWork, todayIn, updateRecord, withSystemRights, type BeforeHook, type RecordContext, type RecordData } from '../../../core/index.js';

const CONTRACT_FIELDS = ['id', 'code', 'title', 'customer', 'end_date', 'maintenance_interval_days', 'maintenance_every_months', 'maintenance_due', 'maintenance_lead_days', 'next_maintenance'];
const DEFAULT_LEAD_DAYS = 14;
const dateOf = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);

/** The visit after `due`: by the contract's months when set, else its days. */
const nextVisit = (contract: RecordData, due: string): string | undefined => {
  const months = Number(contract.maintenance_every_months);
  if (Number.isInteger(months) && months > 0) return addMonths(due, months);
  const days = Number(contract.maintenance_interval_days);
  return Number.isInteger(days) && days > 0 ? addDays(due, days) : undefined;
};

const eachContract = async function* (ctx: RecordContext, today: string): AsyncGenerator<RecordData> {
  const filter = { and: [{ '>=': [{ var: 'end_date' }, today] }, { or: [{ '!!': [{ var: 'maintenance_interval_days' }] }, { '!!': [{ var: 'maintenance_every_months' }] }] }] };
  let cursor: string | undefined;
  do {
    const page = await listRecords('service_contract', { filter, fields: CONTRACT_FIELDS, sort: 'code', limit: 500, cursor }, ctx);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
};

/**
 * Preventive maintenance (预防性维护): every running service contract with a maintenance
 * interval (months, else days) gets one work order for each visit due within its lead days
 * (`maintenance_lead_days`, 14 when not set) and its next due date moves on past them. The
 * schedule starts from `maintenance_due`, else the contract's computed `next_maintenance`;
 * visits already past are not made afterwards. A visit's work order carries the key
 * `<contract id>:<date>` (unique), so a second run — or a deleted order — never makes
 * another. Runs with system rights: it is the tenant's schedule, not a person's.
 */
export const makeMaintenanceOrders = async (ctx: RecordContext): Promise<number> => {
  const sys = withSystemRights(ctx);
  const today = todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());
  let made = 0;
  const locale = await localeOfWork(ctx);
  const visit = locale === 'zh-CN' ? '预防性维护' : 'Preventive maintenance';
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  for await (const contract of eachContract(sys, today)) {
    const start = dateOf(contract.maintenance_due) ?? dateOf(contract.next_maintenance);
    const end = dateOf(contract.end_date);
    if (!start || !end) continue;
    const lead = contract.maintenance_lead_days == null ? DEFAULT_LEAD_DAYS : Number(contract.maintenance_lead_days);
    let due: string | undefined = start;
    while (due && due < today) due = nextVisit(contract, due);
    while (due && due <= end && daysBetween(today, due) <= lead) {
      const key = `${contract.id}:${due}`;
      const { data: existing } = await listRecords('work_order', { filter: { '==': [{ var: 'maintenance_key' }, key] }, fields: ['id'], limit: 1, includeDeleted: true }, sys);
      if (!existing.length) {
        await createRecord('work_order', { subject: `${visit} · ${contract.title} · ${day(due)}`, service_contract: contract.id, customer: contract.customer, maintenance_due: due, maintenance_key: key }, sys);
        made++;
      }
      due = nextVisit(contract, due);
    }
    if (due && due !== dateOf(contract.maintenance_due)) await updateRecord('service_contract', String(contract.id), { maintenance_due: due }, sys);
  }
  return made;
};

/** A maintenance_run record (made by the daily schedule, or by a dispatcher) runs the scheduling and keeps its count. */
export const beforeMaintenanceRun: BeforeHook = async (event, ctx) => {
  event.data.work_orders = await makeMaintenanceOrders(ctx);
};
