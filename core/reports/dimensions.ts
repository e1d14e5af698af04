import { invalidInput } from '../errors.js';
import type { EntityDocument, Label, ReportDimension, ReportDocument } from '../metadata/types.js';
import type { ResolvedVar, SqlFragment, SqlScope } from '../rules/index.js';
import { fieldOf } from '../records/entity-fields.js';

/** One level of a hierarchy as SQL: `time.month`, `region.city`, or a plain field path. */
export interface Level {
  key: string;
  dimension: string;
  label: Label;
  expr: SqlFragment;
  /** Where the level's values get their labels: an enum field's options or dictionary. */
  field?: { entity: string; name: string };
  /** The level's values are user ids (an owner or a user field): shown by the users' names. */
  users?: boolean;
}

/** A report's dimension with its levels, top first, before they are compiled. */
export interface DimensionInfo {
  name: string;
  label: Label;
  levels: { key: string; label: Label }[];
}

const TIME_LEVELS = ['year', 'quarter', 'month', 'week', 'day'] as const;
type TimeLevel = (typeof TIME_LEVELS)[number];

const TIME_LABELS: Record<TimeLevel, Label> = {
  year: { en: 'Year', 'zh-CN': '年' },
  quarter: { en: 'Quarter', 'zh-CN': '季度' },
  month: { en: 'Month', 'zh-CN': '月' },
  week: { en: 'Week', 'zh-CN': '周' },
  day: { en: 'Day', 'zh-CN': '日' },
};
const FISCAL_LABELS: Partial<Record<TimeLevel, Label>> = {
  year: { en: 'Fiscal year', 'zh-CN': '财年' },
  quarter: { en: 'Fiscal quarter', 'zh-CN': '财季' },
};
const TEAM_LABEL: Label = { en: 'Team', 'zh-CN': '团队' };
const OWNER_LABEL: Label = { en: 'Owner', 'zh-CN': '负责人' };

// Labels that sort as text in time order: 2024, 2024-Q3, 2024-07, 2024-W05, 2024-07-31; FY2024, FY2024-Q1.
const FORMAT: Record<TimeLevel, string> = { year: 'YYYY', quarter: 'YYYY-"Q"Q', month: 'YYYY-MM', week: 'IYYY-"W"IW', day: 'YYYY-MM-DD' };
const FISCAL_FORMAT: Partial<Record<TimeLevel, string>> = { year: '"FY"YYYY', quarter: '"FY"YYYY-"Q"Q' };
/** The month the tenant's fiscal year starts, read from its settings in the same statement. */
const FISCAL_SHIFT = `make_interval(months => coalesce((select cast(doc->>'fiscalYearStart' as int) from _settings where id = 1), 1) - 1)`;

export const levelNames = (d: ReportDimension): string[] =>
  d.type === 'time' ? [...TIME_LEVELS] : d.type === 'organisation' ? ['team', 'owner'] : (d.levels ?? []).map((l) => l.name);

export const describeDimensions = (doc: ReportDocument, entity: EntityDocument): DimensionInfo[] =>
  (doc.dimensions ?? []).map((d) => ({
    name: d.name,
    label: d.label,
    levels: levelNames(d).map((level, i) => ({ key: `${d.name}.${level}`, label: levelLabel(d, level, i, entity) })),
  }));

const levelLabel = (d: ReportDimension, level: string, i: number, entity: EntityDocument): Label => {
  if (d.type === 'time') return (d.fiscal && FISCAL_LABELS[level as TimeLevel]) || TIME_LABELS[level as TimeLevel];
  if (d.type === 'organisation') return level === 'team' ? TEAM_LABEL : OWNER_LABEL;
  const l = d.levels![i];
  return l.label ?? (fieldOf(entity, l.field)?.label as Label | undefined) ?? { en: l.name, 'zh-CN': l.name };
};

const resolve = (path: string, scope: SqlScope, where: string): ResolvedVar => {
  const v = scope.resolveVar(path);
  if (!v) throw invalidInput(`"${path}" is not a field you can read`, [{ field: where, message: `unknown field "${path}"`, code: 'UNKNOWN_FIELD' }]);
  return v;
};

const timeExpr = (v: ResolvedVar, level: TimeLevel, fiscal: boolean, zone: string): SqlFragment => {
  // An instant falls in the bucket of its day in the tenant's zone, not in UTC's.
  const day = v.type === 'datetime' ? { sql: `((${v.sql}) at time zone cast(? as text))`, bindings: [...v.bindings, zone] } : { sql: `(${v.sql})`, bindings: v.bindings };
  const f = fiscal ? FISCAL_FORMAT[level] : undefined;
  if (f) return { sql: `to_char(${day.sql} - ${FISCAL_SHIFT}, '${f}')`, bindings: day.bindings };
  return { sql: `to_char(${day.sql}, '${FORMAT[level]}')`, bindings: day.bindings };
};

/** The enum field at the end of a path, for value labels. */
const enumAt = (path: string, entity: EntityDocument, entities: Record<string, EntityDocument>): Level['field'] => {
  const parts = path.split('.');
  let e: EntityDocument | undefined = entity;
  for (const [i, p] of parts.entries()) {
    const f: ReturnType<typeof fieldOf> = e && fieldOf(e, p);
    if (!f || !e) return undefined;
    if (i === parts.length - 1) return f.type === 'enum' ? { entity: e.name, name: p } : undefined;
    e = f.type === 'reference' ? entities[f.entity] : undefined;
  }
  return undefined;
};

/** Whether a field path ends at a user: the owner or a user field. */
const userAt = (path: string, entity: EntityDocument, entities: Record<string, EntityDocument>): boolean => {
  const parts = path.split('.');
  let e: EntityDocument | undefined = entity;
  for (const [i, p] of parts.entries()) {
    if (!e) return false;
    if (i === parts.length - 1) return p === 'owner_id' || fieldOf(e, p)?.type === 'user';
    const f = fieldOf(e, p);
    e = f?.type === 'reference' ? entities[f.entity] : undefined;
  }
  return false;
};

/**
 * The levels an axis item names, compiled in the report's scope: `time:month` is its
 * dimension from the top down to that level (year, quarter, month), `time` its top level,
 * and anything else a field path of the entity, one level of its own (any attribute).
 */
export const axisLevels = (
  item: string,
  doc: ReportDocument,
  entity: EntityDocument,
  entities: Record<string, EntityDocument>,
  scope: SqlScope,
  where: string,
): Level[] => {
  const [name, down] = item.split(':');
  const d = (doc.dimensions ?? []).find((x) => x.name === name);
  if (!d) {
    if (down !== undefined) throw invalidInput(`"${name}" is not a dimension of this report`, [{ field: where, message: 'unknown dimension', code: 'UNKNOWN_DIMENSION' }]);
    const v = resolve(item, scope, where);
    const f = enumAt(item, entity, entities);
    const ref = f && entities[f.entity];
    const label = (ref && fieldOf(ref, f.name)?.label as Label | undefined) ?? { en: item, 'zh-CN': item };
    return [{ key: item, dimension: item, label, expr: { sql: v.sql, bindings: v.bindings }, field: f, users: userAt(item, entity, entities) }];
  }
  const names = levelNames(d);
  const upTo = down === undefined ? 0 : names.indexOf(down);
  if (upTo < 0) throw invalidInput(`"${down}" is not a level of ${name} (${names.join(', ')})`, [{ field: where, message: 'unknown level', code: 'UNKNOWN_LEVEL' }]);
  return names.slice(0, upTo + 1).map((level, i) => {
    const key = `${d.name}.${level}`;
    const label = levelLabel(d, level, i, entity);
    if (d.type === 'time') return { key, dimension: d.name, label, expr: timeExpr(resolve(d.field ?? '', scope, where), level as TimeLevel, Boolean(d.fiscal), scope.timeZone ?? 'UTC') };
    if (d.type === 'organisation') {
      const owner = resolve(d.owner ?? 'owner_id', scope, where);
      // The owner's team comes from the tenant's users mirror, so it needs no join the scope knows.
      const expr = level === 'team' ? { sql: `(select _u.team from _users as _u where _u.id = ${owner.sql})`, bindings: owner.bindings } : { sql: owner.sql, bindings: owner.bindings };
      return { key, dimension: d.name, label, expr, users: level === 'owner' };
    }
    const path = d.levels![i].field;
    const v = resolve(path, scope, where);
    return { key, dimension: d.name, label, expr: { sql: v.sql, bindings: v.bindings }, field: enumAt(path, entity, entities), users: userAt(path, entity, entities) };
  });
};
