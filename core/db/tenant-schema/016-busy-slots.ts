import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

export const version = 16;
export const name = 'busy-slots';
export const description = 'the busy times of people (_busy_slots), each occurrence of a repeating event expanded for a horizon; used by core/calendar';

/**
 * `_busy_slots`: one row per occurrence and holder of a calendar record: who is busy
 * (`holder`, "user:<id>" or "<entity>:<id>"), from `starts_at` to `ends_at`, because of which
 * record (`source_entity`, `source_id`). Rewritten whole for a record on each save, so
 * conflicts and free/busy are one indexed range query. Written `if not exists`, as a climb
 * from an earlier recorded version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await execScript(
    trx,
    `
  create table if not exists _busy_slots (
    id bigserial primary key,
    holder text not null,
    source_entity text not null,
    source_id uuid not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    all_day boolean not null default false,
    check (ends_at > starts_at)
  );
  create index if not exists _busy_slots_holder on _busy_slots (holder, starts_at, ends_at);
  create index if not exists _busy_slots_source on _busy_slots (source_entity, source_id);
`,
  );
};
