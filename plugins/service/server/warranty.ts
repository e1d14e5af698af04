import { isAppError, problem, readTenantSettings, todayIn, type PluginRouteContext, type RecordData } from '../../../core/index.js';
import { dateOf } from './dates.js';

/** Why the warranty lookup reads the tenant's settings with raw SQL: "today" in its time zone. */
export const WARRANTY_ZONE_ACCESS = 'reads the tenant time zone to say whether a unit is in warranty today';

const CONTRACT_FIELDS = ['id', 'code', 'title', 'kind', 'start_date', 'end_date', 'warranty_months', 'serial_number', 'product', 'customer'];

/** A linked record the caller may read, else null (a reference they may not follow is simply not shown). */
const readable = async (ctx: PluginRouteContext, entity: string, id: unknown, fields: string[]): Promise<RecordData | null> => {
  if (typeof id !== 'string' || !id || !ctx.meta.entities[entity]) return null;
  try {
    return await ctx.records.get(entity, id, { fields });
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 403)) return null;
    throw e;
  }
};

const covers = (c: RecordData, today: string): boolean => {
  const start = dateOf(c.start_date);
  const end = dateOf(c.end_date);
  return !!start && !!end && start <= today && today <= end;
};

/**
 * 保修查询 (GET /api/x/service/warranty/:serial): the unit's product, the customer and
 * order it shipped with and when (the sales plugin's `order_line` on the serial), the
 * service contracts covering it — those naming the unit, else the customer's contracts of
 * its product — and whether one covers today in the tenant's zone. Everything is read
 * with the caller's rights: a serial they may not read is 404 (403 without the right to
 * read serial numbers at all); an order or customer they may not read is left out.
 */
export const warrantyLookup = async (serial: string, ctx: PluginRouteContext) => {
  const timeZone = (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;
  const today = todayIn(timeZone, new Date());
  const withLine = !!ctx.meta.entities.serial_number?.fields.order_line;
  const { data } = await ctx.records.list('serial_number', { filter: { '==': [{ var: 'serial' }, serial.trim()] }, fields: ['id', 'serial', 'status', 'product', 'product.name', ...(withLine ? ['order_line'] : [])], limit: 1 });
  const unit = data[0];
  if (!unit) throw problem('SERVICE_SERIAL_UNKNOWN', { serial });
  const line = await readable(ctx, 'order_line', unit.order_line, ['id', 'sales_order']);
  const order = await readable(ctx, 'sales_order', line?.sales_order, ['id', 'code', 'customer', 'customer.name', 'order_date', 'shipped_on', 'status']);
  const customerId = order?.customer ?? null;
  const mine = { '==': [{ var: 'serial_number' }, unit.id] };
  const ofProduct = customerId ? { and: [{ '==': [{ var: 'customer' }, customerId] }, { '==': [{ var: 'product' }, unit.product] }, { '!': [{ var: 'serial_number' }] }] } : null;
  const { data: contracts } = await ctx.records.list('service_contract', { filter: ofProduct ? { or: [mine, ofProduct] } : mine, fields: CONTRACT_FIELDS, sort: '-end_date', limit: 50 });
  const ranked = [...contracts.filter((c) => c.serial_number === unit.id), ...contracts.filter((c) => c.serial_number !== unit.id)];
  const covering = ranked.find((c) => covers(c, today)) ?? ranked[0] ?? null;
  return {
    serial: unit.serial,
    status: unit.status,
    product: unit.product ? { id: unit.product, name: (unit as Record<string, unknown>)['product.name'] ?? null } : null,
    customer: customerId ? { id: customerId, name: (order as Record<string, unknown>)['customer.name'] ?? null } : null,
    order: order ? { id: order.id, code: order.code, orderDate: order.order_date ?? null } : null,
    shippedOn: order?.shipped_on ?? null,
    contract: covering,
    contracts: ranked,
    inWarranty: !!covering && covers(covering, today),
    today,
    timeZone,
  };
};

/**
 * 服务请求的保修信息 (GET /api/x/service/cases/:id/warranty): the warranty of what a case names,
 * read with the caller's rights. A unit (`serial_number`): its lookup as above, `{kind:
 * "unit", …}`. Only a product: the case customer's contracts of that product, `{kind:
 * "product", product, customer, contract, contracts, inWarranty, today, timeZone}`.
 * A unit the caller may not read counts as not named. Neither: `{kind: "none"}`. A case they
 * may not read is 404.
 */
export const caseWarranty = async (id: string, ctx: PluginRouteContext) => {
  const kase = await ctx.records.get('service_case', id, { fields: ['id', 'customer', 'customer.name', 'product', 'product.name', 'serial_number', 'serial_number.serial'] });
  const row = kase as Record<string, unknown>;
  if (typeof row['serial_number.serial'] === 'string' && row['serial_number.serial']) return { kind: 'unit' as const, ...(await warrantyLookup(row['serial_number.serial'], ctx)) };
  if (typeof kase.product !== 'string' || typeof kase.customer !== 'string') return { kind: 'none' as const };
  const timeZone = (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;
  const today = todayIn(timeZone, new Date());
  const filter = { and: [{ '==': [{ var: 'customer' }, kase.customer] }, { '==': [{ var: 'product' }, kase.product] }] };
  const { data: contracts } = await ctx.records.list('service_contract', { filter, fields: CONTRACT_FIELDS, sort: '-end_date', limit: 50 });
  const contract = contracts.find((c) => covers(c, today)) ?? contracts[0] ?? null;
  return {
    kind: 'product' as const,
    product: { id: kase.product, name: row['product.name'] ?? null },
    customer: { id: kase.customer, name: row['customer.name'] ?? null },
    contract,
    contracts,
    inWarranty: !!contract && covers(contract, today),
    today,
    timeZone,
  };
};
