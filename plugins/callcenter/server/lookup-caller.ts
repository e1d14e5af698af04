import type { EffectiveMeta, RecordData, RouteRecords } from '../../../core/index.js';
import { PHONE_FIELDS } from './phone-hooks.js';

/** A record whose phone number is the caller's. */
export interface CallerMatch {
  entity: string;
  id: string;
  title: string;
  /** The customer it belongs to (a contact's), or the customer itself. */
  customer?: string;
}

const titleOf = (meta: EffectiveMeta, entity: string, row: RecordData): string => String(row[meta.entities[entity]?.titleField ?? 'id'] ?? row.id);

/**
 * Contacts, customers and leads whose phone fields hold `ani` (E.164), as the records
 * service shows them to whoever `records` acts as: an agent sees only what they may read.
 */
export const lookupCaller = async (ani: string, records: RouteRecords, meta: EffectiveMeta): Promise<CallerMatch[]> => {
  const out: CallerMatch[] = [];
  for (const [entity, fields] of Object.entries(PHONE_FIELDS)) {
    if (!meta.entities[entity]) continue;
    const filter = { or: fields.map((f) => ({ '==': [{ var: f }, ani] })) };
    const { data } = await records.list(entity, { filter, limit: 5, sort: '-updated_at' });
    for (const row of data) {
      const customer = entity === 'customer' ? String(row.id) : entity === 'contact' && row.customer ? String(row.customer) : undefined;
      out.push({ entity, id: String(row.id), title: titleOf(meta, entity, row), customer });
    }
  }
  return out;
};
