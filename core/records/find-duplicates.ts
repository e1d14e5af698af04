import type { DuplicateRule } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { assertReadsEntity, scopeWhere } from './access.js';
import { draftCondition, draftKey, hasTrigrams, pairCondition, pairJoin, trigramThreshold, usableRules } from './duplicate-rules.js';
import { entityOf, isUuid } from './entity-fields.js';
import { MAIN, newQueryState } from './record-scope.js';
import { scopedSelect } from './scoped-select.js';
import { selectRecords } from './select-records.js';
import type { RecordContext, RecordData } from './types.js';

export interface DuplicateMatch {
  /** The rules that matched: the field and its kind of match. */
  matched: Pick<DuplicateRule, 'field' | 'match'>[];
  /** 1 for an exact kind of match, the name similarity otherwise. */
  score: number;
}

export interface DuplicateCandidate extends DuplicateMatch {
  record: RecordData;
}

export interface DuplicatePair extends DuplicateMatch {
  a: RecordData;
  b: RecordData;
}

const MAX_CANDIDATES = 20;
export const MAX_PAIRS_PAGE = 100;

const or = (parts: SqlFragment[]): SqlFragment => ({ sql: `(${parts.map((p) => p.sql).join(' or ')})`, bindings: parts.flatMap((p) => p.bindings) });

/**
 * Live records of `entity` the actor may read that its duplicate rules say may be the same
 * as the draft `values` (any one rule matching), best first; `exclude` leaves out the
 * record being edited. No rules, or nothing in the draft to compare: none.
 */
export async function findDuplicates(entity: string, values: RecordData, ctx: RecordContext, opts: { exclude?: string; limit?: number } = {}): Promise<DuplicateCandidate[]> {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  const trigrams = await hasTrigrams(ctx);
  const tests = usableRules(doc, ctx)
    .map((rule) => ({ rule, key: draftKey(rule, values) }))
    .filter((t): t is { rule: DuplicateRule; key: string } => t.key !== undefined)
    .map(({ rule, key }) => ({ rule, ...draftCondition(rule, `${MAIN}.${rule.field}`, key, trigrams) }));
  if (!tests.length) return [];
  const state = newQueryState();
  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }, or(tests.map((t) => t.match))];
  const allowed = scopeWhere(doc, 'read', ctx, state);
  if (allowed) where.push(allowed);
  if (isUuid(opts.exclude)) where.push({ sql: '?? <> ?', bindings: [`${MAIN}.id`, opts.exclude] });
  const extra: SqlFragment = {
    sql: [...tests.map((t, i) => `coalesce(${t.match.sql}, false) as _dup_m${i}`), `greatest(${tests.map((t) => `case when ${t.match.sql} then ${t.score.sql} else 0 end`).join(', ')}) as _dup_score`].join(', '),
    bindings: [...tests.flatMap((t) => t.match.bindings), ...tests.flatMap((t) => [...t.match.bindings, ...t.score.bindings])],
  };
  const limit = Math.min(Math.max(1, opts.limit ?? 5), MAX_CANDIDATES);
  const { records, rows } = await selectRecords(
    { entity: doc, state, where, extra, orderBy: { sql: '_dup_score desc, ?? desc', bindings: [`${MAIN}.created_at`] }, limit, guarded: true },
    ctx,
  );
  return records.map((record, r) => ({
    record,
    matched: tests.filter((_, i) => rows[r][`_dup_m${i}`] === true).map((t) => ({ field: t.rule.field, match: t.rule.match })),
    score: Math.round(Number(rows[r]._dup_score) * 100) / 100,
  }));
}

/**
 * The SQL of every pair of readable live records some rule matches, most alike first
 * (without its page): one arm per rule finds its pairs — by the field's trigram index for
 * a `similar` rule, by a hash join of normalised values otherwise — and only the pairs
 * found are compared by every rule. The readable rows (`v`) are inlined, so each arm reads
 * the entity's table (and its indexes) directly.
 */
export const pairsSql = (entity: string, rules: DuplicateRule[], trigrams: boolean, ctx: RecordContext): { sql: string; bindings: unknown[]; tests: { rule: DuplicateRule; match: string; score: string }[] } => {
  const fields = [...new Set(rules.map((r) => r.field))];
  const visible = scopedSelect({ entity, paths: fields }, ctx);
  const col = (alias: string, field: string) => `${alias}._c${fields.indexOf(field)}`;
  const tests = rules.map((rule) => ({ rule, ...pairCondition(rule, col('a', rule.field), col('b', rule.field), trigrams) }));
  const arms = rules.map((rule) => `select a._id as a, b._id as b from v a join v b on a._id < b._id and ${pairJoin(rule, col('a', rule.field), col('b', rule.field), trigrams)}`);
  return {
    sql: `with v as not materialized (${visible.sql}), p as (${arms.join(' union ')})
     select p.a, p.b, ${tests.map((t, i) => `${t.match} as m${i}`).join(', ')},
       greatest(${tests.map((t) => `case when ${t.match} then ${t.score} else 0 end`).join(', ')}) as score
     from p join v a on a._id = p.a join v b on b._id = p.b
     order by score desc, p.b desc, p.a desc`,
    bindings: visible.bindings,
    tests,
  };
};

/**
 * Pairs of live records of `entity`, both readable by the actor, that the entity's rules
 * match, most alike first, a page at a time (`offset`, at most MAX_PAIRS_PAGE).
 */
export async function duplicatePairs(entity: string, ctx: RecordContext, opts: { offset?: number; limit?: number } = {}): Promise<{ data: DuplicatePair[]; nextOffset: number | null }> {
  const doc = entityOf(entity, ctx);
  assertReadsEntity(doc, ctx);
  const rules = usableRules(doc, ctx);
  if (!rules.length) return { data: [], nextOffset: null };
  const trigrams = await hasTrigrams(ctx);
  const limit = Math.min(Math.max(1, opts.limit ?? 25), MAX_PAIRS_PAGE);
  const offset = Math.max(0, Math.trunc(opts.offset ?? 0));
  const threshold = trigrams ? trigramThreshold(rules) : undefined;
  if (threshold !== undefined) await ctx.db.raw(`select set_config('pg_trgm.similarity_threshold', ?, true)`, [String(threshold)]);
  const { sql, bindings, tests } = pairsSql(entity, rules, trigrams, ctx);
  const { rows } = await ctx.db.raw(`${sql} limit ? offset ?`, [...(bindings as never[]), limit + 1, offset]);
  const page = (rows as Record<string, unknown>[]).slice(0, limit);
  const ids = [...new Set(page.flatMap((r) => [String(r.a), String(r.b)]))];
  const byId = new Map<string, RecordData>();
  if (ids.length) {
    const state = newQueryState();
    const { records } = await selectRecords({ entity: doc, state, where: [{ sql: '?? = any(?::uuid[])', bindings: [`${MAIN}.id`, ids] }], guarded: true }, ctx);
    for (const r of records) byId.set(String(r.id), r);
  }
  const data = page
    .filter((r) => byId.has(String(r.a)) && byId.has(String(r.b)))
    .map((r) => ({
      a: byId.get(String(r.a))!,
      b: byId.get(String(r.b))!,
      matched: tests.filter((_, i) => r[`m${i}`] === true).map((t) => ({ field: t.rule.field, match: t.rule.match })),
      score: Math.round(Number(r.score) * 100) / 100,
    }));
  return { data, nextOffset: rows.length > limit ? offset + limit : null };
}
