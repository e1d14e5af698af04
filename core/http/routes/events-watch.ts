import { invalidInput } from '../../errors.js';

/** What a stream watches: whole entities, and single records by entity. */
export interface WatchList {
  entities: Set<string>;
  records: Set<string>;
}

const ITEM = /^([a-z][a-z0-9_]{0,62})(?::([0-9A-Za-z-]{1,64}))?$/;
const MAX_ITEMS = 100;

/** `?watch=entity:id,entity`: records and entities whose changes the stream carries (empty: none). */
export const parseWatch = (raw: string | undefined): WatchList => {
  const list: WatchList = { entities: new Set(), records: new Set() };
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((i) => !ITEM.test(i));
  if (items.length > MAX_ITEMS || bad.length) {
    const message = bad.length ? `"${bad[0].slice(0, 80)}" is not entity or entity:id` : `at most ${MAX_ITEMS} items`;
    throw invalidInput('The watch list names records as entity:id and entities by name, comma-separated', [{ field: 'watch', message }]);
  }
  for (const item of items) {
    const [, entity, id] = ITEM.exec(item)!;
    if (id) list.records.add(`${entity}:${id}`);
    else list.entities.add(entity);
  }
  return list;
};

export const watches = (list: WatchList, entity: string, id: string): boolean => list.entities.has(entity) || list.records.has(`${entity}:${id}`);
