import { invalidInput } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { columnTypeOf } from '../schema/index.js';
import { checkWrite } from '../security/access/index.js';
import { accessOf, assertReadsEntity, scopeWhere, userGuard } from './access.js';
import { checkReferences } from './check-references.js';
import { toColumns } from './column-values.js';
import { compileFilter } from './compile-filter.js';
import { defaultValues, definedValues } from './create-values.js';
import { READ_ONLY_TYPES, entityOf, fieldOf, isUuid } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import { checkStateFields } from './state-fields.js';
import { translatePgError } from './translate-pg-error.js';
import { validateWrite } from './validate-write.js';
import type { RecordContext, RecordData } from './types.js';

export interface CopyQuery {
  /** The entity whose rows are read, under the actor's read scope. */
  from: string;
  /** json-logic over `from` (the list filter language); none: every row the actor may read. */
  filter?: unknown;
  /** The entity new rows are created in. */
  to: string;
  /** Field of `to` ← field path of `from` (`id`, a field, or a path through references). */
  map: Record<string, string>;
  /** Field of `to` ← one value for every new row. */
  set?: RecordData;
  /** Fields of `to` that identify a row already there; a source row whose values a live row holds is skipped (compared with `=`, so a null key value matches no row). Default: every mapped and set field. */
  key?: string[];
}

export interface CopyResult {
  /** Rows of `from` the filter matched (within the actor's read scope). */
  matched: number;
  /** Rows created in `to`. */
  created: number;
}

const fail = (message: string, field: string, detail: string): never => {
  throw invalidInput(detail, [{ field, message, code: 'INVALID_COPY' }]);
};

/** A column of `to` that a copy may write: stored, writable, not computed; its SQL type. */
const targetColumn = (doc: EntityDocument, name: string, field: string): string => {
  const f = fieldOf(doc, name);
  const type = f && !READ_ONLY_TYPES.has(f.type) ? columnTypeOf(f) : null;
  return type ?? fail(`is not a writable field of ${doc.name}`, field, `"${name}" is not a writable field of ${doc.name}`);
};

/** What a set-wise copy cannot do for the target: numbers given one by one, rules that read each whole record. */
const assertCopyable = (doc: EntityDocument): void => {
  if (Object.values(doc.fields ?? {}).some((f) => f.type === 'auto_number')) fail('numbers its records one by one', 'to', `${doc.name} has auto-numbers; records cannot be copied into it in one statement`);
  if (doc.rules?.length) fail('has validation rules over whole records', 'to', `${doc.name} has validation rules; records cannot be copied into it in one statement`);
};

/**
 * Copies the rows of `from` that match `filter` (under the actor's read scope and field
 * access, paths guarded as in a list) into new rows of `to`, in ONE statement
 * (`insert … select`), never loading a row into the process: each new row takes the mapped
 * source values and the `set` values, is owned and created by the actor, and gets a
 * `create` history entry; rows whose `key` values a live row of `to` already holds are
 * skipped, so a repeat copies nothing twice (concurrent copies into the same key values take
 * turns on a transaction-level advisory lock). The actor needs the create right on `to` and
 * write access to every field written. Set-wise means no per-record hooks, workflows or live
 * events, no search vector (copied rows are found by search once next written), and a target
 * with auto-numbers or validation rules is refused.
 */
export async function copyRecords(query: CopyQuery, ctx: RecordContext): Promise<CopyResult> {
  const source = entityOf(query.from, ctx);
  const target = entityOf(query.to, ctx);
  assertReadsEntity(source, ctx);
  assertCopyable(target);
  const map = query.map ?? {};
  if (!Object.keys(map).length) fail('must map at least one field', 'map', 'A copy must map at least one field');
  const given = definedValues(query.set ?? {});
  for (const name of Object.keys(map)) if (name in given) fail('is both mapped and set', `map.${name}`, `"${name}" is both mapped and set`);
  const constants = checkStateFields(target.name, { ...defaultValues(target, { ...given, ...Object.fromEntries(Object.keys(map).map((k) => [k, true])) }, ctx), ...given }, ctx.meta);
  checkWrite(target.name, accessOf(target, ctx).rights, { ...constants, ...map }, ctx.actor);
  validateWrite({ entity: target, values: constants, old: {} }, ctx);
  await checkReferences(target, constants, ctx);
  for (const [name, f] of Object.entries(target.fields ?? {})) {
    if (f.required && !READ_ONLY_TYPES.has(f.type) && !(name in map) && (constants[name] === undefined || constants[name] === null)) fail('is required', `set.${name}`, `"${name}" of ${target.name} is required: map or set it`);
  }

  const state = newQueryState();
  const scope = recordScope(source, state, ctx, userGuard(ctx));
  const mapped = Object.entries(map).map(([to, path]) => {
    const type = targetColumn(target, to, `map.${to}`);
    const v = typeof path === 'string' ? scope.resolveVar(path) : undefined;
    if (!v) fail(`"${String(path)}" is not a field you may read on ${source.name}`, `map.${to}`, `"${String(path)}" is not a readable field of ${source.name}`);
    return { to, sql: `cast(${v!.sql} as ${type})`, bindings: v!.bindings };
  });
  const set = Object.entries(toColumns(target, constants)).map(([to, value]) => ({ to, type: targetColumn(target, to, `set.${to}`), value }));
  const key = query.key ?? [...mapped.map((m) => m.to), ...set.map((s) => s.to)];
  for (const k of key) if (!mapped.some((m) => m.to === k) && !set.some((s) => s.to === k)) fail('is neither mapped nor set', 'key', `The key field "${k}" is neither mapped nor set`);

  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }];
  const allowed = scopeWhere(source, 'read', ctx, state);
  if (allowed) where.push(allowed);
  const filter = compileFilter(query.filter, source, scope);
  if (filter) where.push(filter);
  const joins = joinsSql(state);
  const mappedKeys = key.filter((k) => mapped.some((m) => m.to === k));
  const srcCols = mapped.map((m, i) => ({ ...m, alias: `_c${i}` }));
  const aliasOf = (to: string) => srcCols.find((c) => c.to === to)!.alias;
  const distinct = mappedKeys.length ? `distinct on (${mappedKeys.map(aliasOf).join(', ')}) ` : '';
  const srcSql = `select ${distinct}${srcCols.map((c) => `${c.sql} as ${c.alias}`).join(', ')} from ?? as ??${joins.sql} where ${where.map((w) => w.sql).join(' and ')}`;
  const srcBindings = [...srcCols.flatMap((c) => c.bindings), source.name, MAIN, ...joins.bindings, ...where.flatMap((w) => w.bindings)];
  const exists = key.map((k) => (mapped.some((m) => m.to === k) ? { sql: `?? = src.${aliasOf(k)}`, bindings: [`_x.${k}`] } : { sql: `?? = cast(? as ${set.find((s) => s.to === k)!.type})`, bindings: [`_x.${k}`, set.find((s) => s.to === k)!.value] }));
  const actor = isUuid(ctx.actor.id) ? ctx.actor.id : null;
  const owner = constants.owner_id ?? actor;
  const columns = ['id', 'created_by', 'updated_by', 'owner_id', ...srcCols.map((c) => c.to), ...set.filter((s) => s.to !== 'owner_id').map((s) => s.to)];
  const values = [
    'gen_random_uuid()', 'cast(? as uuid)', 'cast(? as uuid)', 'cast(? as uuid)',
    ...srcCols.map((c) => `src.${c.alias}`),
    ...set.filter((s) => s.to !== 'owner_id').map((s) => `cast(? as ${s.type})`),
  ];
  const history = JSON.stringify({ $copy: [null, source.name] });
  const sql = `with src as (${srcSql}),
    ins as (insert into ?? (${columns.map(() => '??').join(', ')})
      select ${values.join(', ')} from src
      where not exists (select 1 from ?? as _x where _x.deleted_at is null and ${exists.map((e) => e.sql).join(' and ')})
      returning id),
    h as (insert into _history (entity, record_id, action, actor_id, changes) select ?, ins.id, 'create', cast(? as uuid), cast(? as jsonb) from ins)
    select (select count(*) from src) as matched, (select count(*) from ins) as created`;
  const bindings = [
    ...srcBindings,
    target.name, ...columns,
    actor, actor, owner, ...set.filter((s) => s.to !== 'owner_id').map((s) => s.value),
    target.name, ...exists.flatMap((e) => e.bindings),
    target.name, actor, history,
  ];
  try {
    await ctx.db.raw('select pg_advisory_xact_lock(hashtext(?))', [`copy:${target.name}:${JSON.stringify(set.filter((s) => key.includes(s.to)).map((s) => s.value))}`]);
    const { rows } = await ctx.db.raw(sql, bindings as never[]);
    return { matched: Number(rows[0].matched), created: Number(rows[0].created) };
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
}
