import type { Knex } from 'knex';
import type { Occurrence } from './expand-occurrences.js';

/** Who is busy: "user:<id>" for a user, "<entity>:<id>" for a record (a contact). */
export type Holder = string;

/** A record's busy time: the occurrences it holds for each of its holders. */
export interface BusySource {
  entity: string;
  id: string;
  holders: readonly Holder[];
  occurrences: readonly Occurrence[];
  allDay?: boolean;
}

/** One busy interval of a holder, and the record that makes it busy. */
export interface BusySlot {
  holder: Holder;
  entity: string;
  id: string;
  start: Date;
  end: Date;
  allDay: boolean;
}

/** One occurrence of a proposed event that overlaps another record's busy time of a holder. */
export interface Conflict extends BusySlot {
  /** The proposed occurrence it collides with. */
  at: Occurrence;
}

const CHUNK = 500;

/** Rewrites a record's busy slots (none when it holds no time, e.g. it was deleted or cancelled). */
export const writeBusySlots = async (db: Knex | Knex.Transaction, source: BusySource): Promise<number> => {
  await db('_busy_slots').where({ source_entity: source.entity, source_id: source.id }).delete();
  const rows = source.holders.flatMap((holder) =>
    source.occurrences.map((o) => ({ holder, source_entity: source.entity, source_id: source.id, starts_at: o.start, ends_at: o.end, all_day: !!source.allDay })),
  );
  for (let i = 0; i < rows.length; i += CHUNK) await db('_busy_slots').insert(rows.slice(i, i + CHUNK));
  return rows.length;
};

/** Drops a record's busy slots. */
export const clearBusySlots = async (db: Knex | Knex.Transaction, entity: string, id: string): Promise<void> => {
  await db('_busy_slots').where({ source_entity: entity, source_id: id }).delete();
};

const slotOf = (r: { holder: string; source_entity: string; source_id: string; starts_at: Date | string; ends_at: Date | string; all_day: boolean }): BusySlot => ({
  holder: r.holder,
  entity: r.source_entity,
  id: r.source_id,
  start: new Date(r.starts_at),
  end: new Date(r.ends_at),
  allDay: !!r.all_day,
});

/**
 * The busy slots of other records that overlap any of the proposed occurrences, for the
 * given holders: one SQL join of the occurrences (unnested arrays) with `_busy_slots` on
 * the overlap of half-open intervals. Instants compare as instants, so zones do not matter.
 */
export const findConflicts = async (
  db: Knex | Knex.Transaction,
  input: { holders: readonly Holder[]; occurrences: readonly Occurrence[]; except?: { entity: string; id: string }; limit?: number },
): Promise<Conflict[]> => {
  if (!input.holders.length || !input.occurrences.length) return [];
  const starts = input.occurrences.map((o) => o.start.toISOString());
  const ends = input.occurrences.map((o) => o.end.toISOString());
  const except = input.except ? 'and not (b.source_entity = ? and b.source_id = ?::uuid)' : '';
  const rows = await db.raw(
    `select b.holder, b.source_entity, b.source_id, b.starts_at, b.ends_at, b.all_day, c.s as at_start, c.e as at_end
       from unnest(?::timestamptz[], ?::timestamptz[]) as c(s, e)
       join _busy_slots b on b.starts_at < c.e and b.ends_at > c.s
      where b.holder = any(?::text[]) ${except}
      order by c.s, b.holder, b.starts_at
      limit ?`,
    [starts, ends, [...input.holders], ...(input.except ? [input.except.entity, input.except.id] : []), input.limit ?? 200],
  );
  return (rows.rows as (Parameters<typeof slotOf>[0] & { at_start: string; at_end: string })[]).map((r) => ({ ...slotOf(r), at: { start: new Date(r.at_start), end: new Date(r.at_end) } }));
};

/** The busy slots of the holders that overlap [from, to), by holder and start. */
export const busySlots = async (db: Knex | Knex.Transaction, input: { holders: readonly Holder[]; from: Date; to: Date }): Promise<BusySlot[]> => {
  if (!input.holders.length) return [];
  const rows = await db('_busy_slots')
    .whereIn('holder', [...input.holders])
    .where('starts_at', '<', input.to.toISOString())
    .where('ends_at', '>', input.from.toISOString())
    .orderBy([{ column: 'holder' }, { column: 'starts_at' }])
    .limit(5000)
    .select('holder', 'source_entity', 'source_id', 'starts_at', 'ends_at', 'all_day');
  return rows.map(slotOf);
};

/** Merges a holder's slots into free/busy intervals (overlapping or touching ones joined). */
export const mergeBusy = (slots: readonly { start: Date; end: Date }[]): Occurrence[] => {
  const sorted = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Occurrence[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = new Date(Math.max(last.end.getTime(), s.end.getTime()));
    else out.push({ start: s.start, end: s.end });
  }
  return out;
};
