import type { DuplicateRule, EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { accessOf } from './access.js';
import type { RecordContext, RecordData } from './types.js';

/** Digits a phone rule compares by default: the subscriber part survives a country code written or not. */
export const DEFAULT_PHONE_DIGITS = 8;
/** pg_trgm similarity a `similar` rule needs by default. */
export const DEFAULT_SIMILARITY = 0.6;

/** Whether pg_trgm is installed, asked once per database (keyed by the client's config, which transactions share). */
const trigramsByClient = new WeakMap<object, Promise<boolean>>();
export const hasTrigrams = (ctx: RecordContext): Promise<boolean> => {
  const key = (ctx.db.client as { config: object }).config;
  let known = trigramsByClient.get(key);
  if (!known) {
    known = ctx.db.raw(`select exists(select 1 from pg_extension where extname = 'pg_trgm') as ok`).then((r: { rows: { ok: boolean }[] }) => Boolean(r.rows[0]?.ok));
    trigramsByClient.set(key, known);
    known.catch(() => trigramsByClient.delete(key));
  }
  return known;
};

/** The entity's duplicate rules the actor may use: a rule on a field hidden from them would tell its values. */
export const usableRules = (entity: EntityDocument, ctx: RecordContext): DuplicateRule[] => {
  const { hidden } = accessOf(entity, ctx);
  return (entity.duplicateRules ?? []).filter((r) => entity.fields?.[r.field] && !hidden.has(r.field));
};

const digits = (sql: string): string => `regexp_replace(coalesce(cast(${sql} as text), ''), '[^0-9]', '', 'g')`;
const folded = (sql: string): string => `lower(btrim(cast(${sql} as text)))`;
const digitsOf = (rule: DuplicateRule): number => rule.digits ?? DEFAULT_PHONE_DIGITS;

/** A draft's value as a rule compares it, or undefined when there is nothing to compare. */
export const draftKey = (rule: DuplicateRule, values: RecordData): string | undefined => {
  const raw = values[rule.field];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (rule.match === 'phone') {
    const d = text.replace(/\D/g, '');
    return d.length >= 5 ? d : undefined;
  }
  const lower = text.toLowerCase();
  return lower.length >= (rule.match === 'similar' ? 2 : 1) ? lower : undefined;
};

/**
 * One rule against a draft's value: `column` is the SQL of the stored value (a `??`
 * identifier is bound first). The score is 1 for an exact kind, the similarity otherwise.
 */
export const draftCondition = (rule: DuplicateRule, column: string, key: string, trigrams: boolean): { match: SqlFragment; score: SqlFragment } => {
  const one = { sql: '1.0', bindings: [] };
  const id = `${column}`;
  switch (rule.match) {
    case 'phone': {
      const n = digitsOf(rule);
      if (key.length < n) return { match: { sql: `${digits('??')} = ?`, bindings: [id, key] }, score: one };
      return { match: { sql: `(length(${digits('??')}) >= ? and right(${digits('??')}, ?) = ?)`, bindings: [id, n, id, n, key.slice(-n)] }, score: one };
    }
    case 'email':
    case 'exact':
      return { match: { sql: `${folded('??')} = ?`, bindings: [id, key] }, score: one };
    case 'similar':
      if (trigrams) {
        const t = rule.threshold ?? DEFAULT_SIMILARITY;
        return {
          match: { sql: `similarity(${folded('??')}, ?) >= ?`, bindings: [id, key, t] },
          score: { sql: `similarity(${folded('??')}, ?)`, bindings: [id, key] },
        };
      }
      // Without pg_trgm: the same value, or one starting with the other.
      return {
        match: { sql: `(${folded('??')} <> '' and (starts_with(${folded('??')}, ?) or starts_with(?, ${folded('??')})))`, bindings: [id, id, key, key, id] },
        score: { sql: '0.9', bindings: [] },
      };
  }
};

/** One rule between two stored values (`a`, `b`: plain SQL column references, no bindings). */
export const pairCondition = (rule: DuplicateRule, a: string, b: string, trigrams: boolean): { match: string; score: string } => {
  switch (rule.match) {
    case 'phone': {
      const n = digitsOf(rule);
      return { match: `(length(${digits(a)}) >= ${n} and right(${digits(a)}, ${n}) = right(${digits(b)}, ${n}))`, score: '1.0' };
    }
    case 'email':
    case 'exact':
      return { match: `(${folded(a)} <> '' and ${folded(a)} = ${folded(b)})`, score: '1.0' };
    case 'similar':
      if (trigrams) {
        const t = Number(rule.threshold ?? DEFAULT_SIMILARITY);
        return { match: `similarity(${folded(a)}, ${folded(b)}) >= ${t}`, score: `similarity(${folded(a)}, ${folded(b)})` };
      }
      return { match: `(length(${folded(a)}) > 1 and length(${folded(b)}) > 1 and (starts_with(${folded(a)}, ${folded(b)}) or starts_with(${folded(b)}, ${folded(a)})))`, score: '0.9' };
  }
};

/**
 * The join of one rule between two rows, written so the database can find the pairs
 * without comparing every row with every other: a `similar` rule with pg_trgm joins by
 * the `%` operator on the stored column (read from its trigram index, built for every
 * `similar` rule's field; the threshold is set by `trigramThreshold`), then checks the
 * similarity; the exact kinds are an equality of normalised values (a hash join).
 */
export const pairJoin = (rule: DuplicateRule, a: string, b: string, trigrams: boolean): string => {
  const { match } = pairCondition(rule, a, b, trigrams);
  return rule.match === 'similar' && trigrams ? `(${a} % ${b} and ${match})` : match;
};

/** The `pg_trgm.similarity_threshold` the `%` joins need: a little under the lowest `similar` rule's. */
export const trigramThreshold = (rules: DuplicateRule[]): number | undefined => {
  const similar = rules.filter((r) => r.match === 'similar').map((r) => Number(r.threshold ?? DEFAULT_SIMILARITY));
  return similar.length ? Math.max(0, Math.min(...similar) - 0.01) : undefined;
};
