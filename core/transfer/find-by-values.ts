import { listRecords } from '../records/list-records.js';
import type { RecordContext } from '../records/types.js';

/** Values per query: keeps each `in (…)` list short. */
const CHUNK = 200;
const PAGE = 500;

/** How a key value is compared: text as it is, numbers and the rest by their text. */
export const keyText = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/**
 * The live records of `entity` whose `field` has one of `values`: value text → ids.
 * Reads through the record service (filter, keyset pages), so its read rules apply.
 */
export const findByValues = async (entity: string, field: string, values: unknown[], ctx: RecordContext): Promise<Map<string, string[]>> => {
  const found = new Map<string, string[]>();
  const distinct = [...new Map(values.map((v) => [keyText(v), v])).values()];
  for (let i = 0; i < distinct.length; i += CHUNK) {
    const filter = { in: [{ var: field }, distinct.slice(i, i + CHUNK)] };
    let cursor: string | undefined;
    do {
      const page = await listRecords(entity, { filter, fields: [field], limit: PAGE, cursor }, ctx);
      for (const r of page.data) {
        const key = keyText(r[field]);
        found.set(key, [...(found.get(key) ?? []), String(r.id)]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return found;
};
