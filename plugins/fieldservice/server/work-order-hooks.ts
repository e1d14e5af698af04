import { getRecord, withSystemRights, type BeforeHook, type RecordContext, type RecordData } from '../../../core/index.js';

const nowOf = (ctx: RecordContext): Date => ctx.now ?? new Date();
const present = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Reads a linked record for defaults only (the user's scope still guards the order itself). */
const peek = (entity: string, id: string, ctx: RecordContext): Promise<RecordData> => getRecord(entity, id, withSystemRights(ctx));

/**
 * A new work order takes what it does not say from where it comes from: the customer from
 * its service case or contract, the address from the customer, the territory from the
 * customer's region.
 */
export const fillNewWorkOrder: BeforeHook = async (event, ctx) => {
  const data = event.data;
  if (!present(data.customer)) {
    const source = present(data.service_case) ? await peek('service_case', data.service_case, ctx) : present(data.service_contract) ? await peek('service_contract', data.service_contract, ctx) : undefined;
    if (source?.customer) data.customer = source.customer;
  }
  if (present(data.customer) && (!present(data.address) || !present(data.territory))) {
    const customer = await peek('customer', data.customer, ctx);
    if (!present(data.address) && present(customer.address)) data.address = customer.address;
    if (!present(data.territory) && present(customer.region)) data.territory = customer.region;
  }
};

const minutesBetween = (a: unknown, b: unknown): number => Math.max(0, Math.round((Date.parse(String(b)) - Date.parse(String(a))) / 60000));

/**
 * Starting a work order stamps its start time; finishing stamps its finish time and, unless
 * the engineer said otherwise, its work minutes from start to finish (times given with the
 * change are kept, for offline work synced later).
 */
export const stampWorkOrderChange: BeforeHook = (event, ctx) => {
  const data = event.data;
  const old = event.old ?? {};
  if (data.status === undefined || data.status === old.status) return;
  const now = nowOf(ctx).toISOString();
  if (data.status === 'in_progress' && !present(data.started_at)) data.started_at = now;
  if (data.status === 'done') {
    if (!present(data.finished_at)) data.finished_at = now;
    const started = data.started_at ?? old.started_at;
    if (started && (data.work_minutes === undefined || data.work_minutes === null) && (old.work_minutes === undefined || old.work_minutes === null)) {
      data.work_minutes = minutesBetween(started, data.finished_at);
    }
  }
};
