import { addDays, createRecord, listRecords, runTransition, seededRandom, startOfDayIn, todayIn, withSystemRights, type RecordContext, type RecordData } from '../../../core/index.js';
import { makeMaintenanceOrders } from '../server/maintenance.js';
import { ENGINEERS, PARTS, SLOTS, SUBJECTS } from './demo-plan.js';

type Row = RecordData & { id: string };
const HOUR = 3_600_000;

const all = async (entity: string, fields: string[], ctx: RecordContext, filter?: unknown): Promise<Row[]> =>
  (await listRecords(entity, { fields, filter, sort: 'id', limit: 500 }, ctx)).data as Row[];

const weekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Stocks the parts the demo jobs use in the first warehouse (a purchase receipt). */
const stockParts = async (warehouse: string, ctx: RecordContext): Promise<Row[]> => {
  const products = await all('product', ['id', 'sku', 'name'], ctx, { in: [{ var: 'sku' }, PARTS] });
  for (const p of products) await createRecord('stock_move', { product: p.id, warehouse, direction: 'in', quantity: 200, reason: 'purchase', reference: 'FS-VAN' }, ctx);
  return products;
};

/**
 * 现场服务演示数据: three engineers with skills and territories, and two weeks of work
 * orders (last week done with times and parts, today and next week scheduled, a few
 * unassigned) for demo customers in their territories, linked to repair cases where there are.
 */
export const seedDemoFieldService = async (base: RecordContext): Promise<Record<string, number>> => {
  const ctx = withSystemRights(base);
  const zone = ctx.time?.timeZone ?? 'UTC';
  const r = seededRandom(20261207);
  const engineers: (Row & { plan: (typeof ENGINEERS)[number] })[] = [];
  for (const plan of ENGINEERS) {
    const e = (await createRecord('engineer', { name: plan.name, phone: plan.phone, territories: plan.territories, home_base: plan.homeBase, active: true }, ctx)) as Row;
    for (const [skill, level] of plan.skills) await createRecord('engineer_skill', { engineer: e.id, skill, level }, ctx);
    engineers.push({ ...e, plan });
  }
  const customers = await all('customer', ['id', 'region', 'address'], ctx);
  const cases = await all('service_case', ['id', 'customer'], ctx, { '==': [{ var: 'type' }, 'repair'] });
  const contracts = await all('service_contract', ['id', 'customer'], ctx);
  const warehouse = (await all('warehouse', ['id'], ctx))[0];
  const parts = warehouse ? await stockParts(warehouse.id, ctx) : [];
  const today = todayIn(zone, ctx.now ?? new Date());
  let orders = 0, partsUsed = 0;
  const jobFor = (engineer: (typeof engineers)[number]): RecordData | undefined => {
    const local = customers.filter((c) => engineer.plan.territories.includes(String(c.region)));
    if (!local.length) return undefined;
    const customer = r.pick(local);
    const [skill, max] = r.pick(engineer.plan.skills);
    const fromCase = cases.find((c) => c.customer === customer.id);
    const fromContract = !fromCase ? contracts.find((c) => c.customer === customer.id) : undefined;
    return { subject: r.pick(SUBJECTS[skill]), customer: customer.id, required_skill: skill, required_level: r.int(1, max), service_case: fromCase?.id ?? null, service_contract: fromContract?.id ?? null, warehouse: warehouse?.id ?? null };
  };
  for (let d = -7; d <= 6; d++) {
    const date = addDays(today, d);
    if (weekend(date)) continue;
    const midnight = startOfDayIn(date, zone).getTime();
    for (const engineer of engineers) {
      for (const [hour, length] of SLOTS) {
        if (d > 0 && r.chance(0.35)) continue; // next week is not fully booked yet
        const job = jobFor(engineer);
        if (!job) continue;
        const start = midnight + hour * HOUR;
        const end = start + length * HOUR;
        const order = (await createRecord('work_order', job, ctx)) as Row;
        orders++;
        let state = await runTransition({ entity: 'work_order', id: order.id, transition: 'schedule', set: { engineer: engineer.id, scheduled_start: new Date(start).toISOString(), scheduled_end: new Date(end).toISOString() } }, ctx);
        if (d >= 0) continue;
        const travel = r.int(15, 75);
        const started = start + r.int(-10, 20) * 60_000;
        const finished = started + (length * 60 + r.int(-30, 40)) * 60_000;
        state = await runTransition({ entity: 'work_order', id: order.id, transition: 'start', ifMatch: Number(state.version), set: { started_at: new Date(started).toISOString(), travel_minutes: travel } }, ctx);
        if (parts.length && r.chance(0.4)) {
          await createRecord('work_order_part', { work_order: order.id, product: r.pick(parts).id, quantity: r.int(1, 3) }, ctx);
          partsUsed++;
        }
        await runTransition({ entity: 'work_order', id: order.id, transition: 'finish', set: { finished_at: new Date(finished).toISOString(), report: '已完成现场处理，客户确认设备运行正常。' } }, ctx);
      }
    }
  }
  // A few orders waiting for the dispatcher.
  for (let i = 0; i < 6; i++) {
    const job = jobFor(engineers[i % engineers.length]);
    if (!job) continue;
    await createRecord('work_order', job, ctx);
    orders++;
  }
  const maintenance = await makeMaintenanceOrders(ctx);
  return { engineer: engineers.length, work_order: orders + maintenance, work_order_part: partsUsed };
};
