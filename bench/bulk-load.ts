import type { Knex } from 'knex';
import { MAX_AMOUNT, STAGES } from './entity.js';

/**
 * Fills the tenant's deal table with `rows` rows in one statement, then ANALYZEs it.
 * Run inside withTenant (the tenant's role and search_path). Ids are uuid v7-shaped
 * (time-ordered, like the engine's), one second apart ending now; amounts spread
 * evenly over [0, MAX_AMOUNT); the search vector is built as the record service does.
 * Rows are created by `ownerId` and owned by it, or, with `owners`, owned in turn by
 * each of them (row g by owners[g mod n]: every owner gets the same share, over all
 * amounts and times).
 */
export const bulkLoadDeals = async (trx: Knex.Transaction, input: { rows: number; ownerId: string | null; owners?: string[] }): Promise<void> => {
  const stages = `array[${STAGES.map((s) => `'${s}'`).join(', ')}]`;
  const owners = input.owners?.length ? input.owners : [input.ownerId];
  if (owners.some((o) => o !== null && !/^[0-9a-f-]{36}$/i.test(o))) throw new Error(`owners must be uuids, got ${JSON.stringify(owners)}`);
  const ownerArray = `{${owners.map((o) => o ?? 'NULL').join(',')}}`;
  await trx.raw(
    `insert into deal (id, created_at, created_by, updated_at, updated_by, owner_id, version, title, amount, stage, _search)
     select (lpad(to_hex(floor(extract(epoch from at) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3)
               || substr('89ab', 1 + floor(random() * 4)::int, 1) || substr(md5(random()::text), 1, 15))::uuid,
            at, ?::uuid, at, ?::uuid, owner, 1, title, amount, stage, to_tsvector('simple', concat_ws(' ', title, stage))
     from (select now() - (? - g) * interval '1 second' as at,
                  'Deal ' || g as title,
                  round((random() * ?)::numeric, 2) as amount,
                  (${stages})[1 + floor(random() * ${STAGES.length})::int] as stage,
                  (?::uuid[])[1 + g % ?] as owner
           from generate_series(1, ?) as g) as v`,
    [input.ownerId, input.ownerId, input.rows, MAX_AMOUNT, ownerArray, owners.length, input.rows],
  );
  await trx.raw('analyze deal');
};
