import type { Knex } from 'knex';

export const version = 11;
export const name = 'settings-and-business-time';
export const description =
  "the tenant's settings document (_settings: zone, currency, locale, week start, fiscal year, business calendar) and the business-time functions the rule language compiles to (_add_business_hours, _business_hours_between)";

/**
 * `_settings` holds one row (id 1): the settings document and its version (If-Match).
 * The functions mirror core/time/business-hours.ts to the second: instants are cut to
 * whole seconds, a day's working periods come from the calendar (a holiday has none, an
 * adjusted workday takes the hours of its `as` weekday, Monday by default), wall-clock
 * times are read in the zone given. Written `if not exists` / `or replace`, as a climb
 * from version 0 runs every rung again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _settings (
    id integer primary key check (id = 1),
    doc jsonb not null,
    version integer not null default 1,
    updated_at timestamptz not null default now(),
    updated_by text
  )`);
  await trx.raw(`create or replace function _business_periods(d date, cal jsonb) returns jsonb language plpgsql immutable as $fn$
declare
  day text := to_char(d, 'YYYY-MM-DD');
  adj jsonb;
  wd text;
begin
  if coalesce(cal->'holidays', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('date', day)) then return '[]'::jsonb; end if;
  select a into adj from jsonb_array_elements(coalesce(cal->'adjustedWorkdays', '[]'::jsonb)) a where a->>'date' = day limit 1;
  if adj is not null then wd := coalesce(adj->>'as', 'mon');
  else wd := (array['sun','mon','tue','wed','thu','fri','sat'])[extract(dow from d)::int + 1];
  end if;
  return coalesce(cal->'workingHours'->wd, '[]'::jsonb);
end $fn$`);
  await trx.raw(`create or replace function _add_business_hours(a timestamptz, hours numeric, cal jsonb, zone text) returns timestamptz language plpgsql stable as $fn$
declare
  x timestamptz;
  remaining bigint;
  d date;
  p jsonb;
  s timestamptz;
  e timestamptz;
  avail bigint;
  n integer := 0;
begin
  if a is null or hours is null or hours < 0 or cal is null or zone is null then return null; end if;
  x := date_trunc('second', a);
  remaining := round(hours * 3600);
  if remaining = 0 then return x; end if;
  d := (x at time zone zone)::date;
  while n < 3660 loop
    for p in select * from jsonb_array_elements(_business_periods(d, cal)) loop
      s := greatest((d + (p->>'start')::time) at time zone zone, x);
      e := (d + (p->>'end')::time) at time zone zone;
      if e > s then
        avail := (extract(epoch from e) - extract(epoch from s))::bigint;
        if remaining <= avail then return s + remaining * interval '1 second'; end if;
        remaining := remaining - avail;
      end if;
    end loop;
    d := d + 1;
    n := n + 1;
  end loop;
  return null;
end $fn$`);
  await trx.raw(`create or replace function _business_hours_between(a timestamptz, b timestamptz, cal jsonb, zone text) returns numeric language plpgsql stable as $fn$
declare
  x timestamptz;
  y timestamptz;
  t timestamptz;
  sign integer := 1;
  d date;
  last date;
  p jsonb;
  s timestamptz;
  e timestamptz;
  total bigint := 0;
begin
  if a is null or b is null or cal is null or zone is null then return null; end if;
  x := date_trunc('second', a);
  y := date_trunc('second', b);
  if y < x then sign := -1; t := x; x := y; y := t; end if;
  d := (x at time zone zone)::date;
  last := (y at time zone zone)::date;
  while d <= last loop
    for p in select * from jsonb_array_elements(_business_periods(d, cal)) loop
      s := greatest((d + (p->>'start')::time) at time zone zone, x);
      e := least((d + (p->>'end')::time) at time zone zone, y);
      if e > s then total := total + (extract(epoch from e) - extract(epoch from s))::bigint; end if;
    end loop;
    d := d + 1;
  end loop;
  return sign * round(total::numeric / 3600, 4);
end $fn$`);
};
