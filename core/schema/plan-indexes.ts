import { fitIdentifier, isEngineIndexName } from './catalog-names.js';
import { countDuplicates } from './dry-run.js';
import { normalisePredicate } from './introspect-schema.js';
import type { PlanContext } from './plan-context.js';
import type { TableMatch } from './match-schema.js';
import { createIndexSql, dropIndexSql, renameIndexSql } from './sql-fragments.js';
import type { ActualIndex, DesiredIndex, PlanStep } from './types.js';

const TRIGRAM_OPS = 'gin_trgm_ops';

const signature = (method: string, unique: boolean, where: string | undefined, columns: (string | null | undefined)[], descending: boolean[] = [], opclasses: (string | undefined)[] = []): string | undefined =>
  columns.some((c) => !c)
    ? undefined
    : `${method}|${unique}|${normalisePredicate(where) ?? ''}|${columns.map((c, n) => `${c}${opclasses[n] === TRIGRAM_OPS ? ` ${TRIGRAM_OPS}` : ''}${descending[n] ? ' desc' : ''}`).join(',')}`;
const desiredSignature = (i: DesiredIndex) => signature(i.method, i.unique, i.where, i.columns, i.descending, i.columns.map(() => i.opclass));

const describe = (i: DesiredIndex): string =>
  `${i.unique ? 'unique ' : ''}${i.opclass === TRIGRAM_OPS ? 'substring search ' : i.method === 'gin' ? 'search ' : ''}index on ${i.columns.map((c, n) => (i.descending?.[n] ? `${c} desc` : c)).join(', ')}`;

const createStep = async (ctx: PlanContext, m: TableMatch, i: DesiredIndex): Promise<PlanStep> => {
  const entity = m.desired.name;
  const step: PlanStep = {
    kind: 'create_index',
    entity,
    field: i.columns[0],
    description: `Create ${describe(i)} of "${entity}"`,
    destructive: false,
    sql: [createIndexSql(entity, i, i.opclass ? ctx.trigramSchema : undefined)],
  };
  const column = m.columns.find((c) => c.desired.name === i.columns[0])?.actual;
  if (i.unique && m.actual && column && i.columns.length === 1) {
    const duplicateValues = await countDuplicates(ctx.trx, { table: m.actual.name, column: column.name, liveRowsOnly: i.where !== undefined });
    step.details = { duplicateValues };
    if (duplicateValues > 0) {
      step.destructive = true;
      step.description += ` (${duplicateValues} values occur more than once: it cannot be created until they differ)`;
    }
  }
  return step;
};

/**
 * Index steps of one table. Indexes are matched by name, then by what they index (so a
 * renamed table or column renames its indexes instead of rebuilding them). An engine
 * index that metadata no longer asks for is dropped only when all its columns are live;
 * indexes on retired columns stay with the data.
 */
export const planIndexes = async (ctx: PlanContext, m: TableMatch): Promise<void> => {
  const entity = m.desired.name;
  // Without pg_trgm its indexes cannot exist (search still works, reading every row).
  const desired = m.desired.indexes.filter((i) => !i.opclass || ctx.trigramSchema);
  if (!m.actual) {
    for (const i of desired) ctx.phases.createIndexes.push(await createStep(ctx, m, i));
    return;
  }
  const liveName = new Map(m.columns.filter((c) => c.actual).map((c) => [c.actual!.name, c.desired.name]));
  const actualSignature = (a: ActualIndex) => signature(a.method, a.unique, a.where, a.columns.map((c) => (c ? liveName.get(c) : null)), a.descending, a.opclasses);
  const candidates = m.actual.indexes.filter((a) => !a.constraint);
  const claimed = new Set<ActualIndex>();
  const pending: DesiredIndex[] = [];
  for (const i of desired) {
    const wanted = desiredSignature(i);
    const sameName = candidates.find((a) => a.name === i.name);
    if (sameName && actualSignature(sameName) === wanted) claimed.add(sameName);
    else pending.push(i);
  }
  // A rename onto a name another index still holds (two fields swapped names) goes through a
  // detour name first; the second hops run after every first one has freed its name.
  const secondHops: PlanStep[] = [];
  for (const i of pending) {
    const wanted = desiredSignature(i);
    const same = candidates.find((a) => !claimed.has(a) && a.name !== i.name && actualSignature(a) === wanted);
    if (same) {
      claimed.add(same);
      const step = (from: string, to: string): PlanStep => ({
        kind: 'rename_index',
        entity,
        field: i.columns[0],
        description: `Rename ${describe(i)} of "${entity}" to follow its name`,
        destructive: false,
        sql: [renameIndexSql(from, to)],
      });
      if (candidates.some((a) => a !== same && a.name === i.name)) {
        const detour = fitIdentifier(`${i.name}__swap`);
        ctx.phases.renameIndexes.push(step(same.name, detour));
        secondHops.push(step(detour, i.name));
      } else ctx.phases.renameIndexes.push(step(same.name, i.name));
    } else {
      ctx.phases.createIndexes.push(await createStep(ctx, m, i));
    }
  }
  ctx.phases.renameIndexes.push(...secondHops);
  for (const a of candidates) {
    if (claimed.has(a) || !isEngineIndexName(a.name)) continue;
    const allLive = a.columns.every((c) => c !== null && liveName.has(c));
    const replaced = desired.some((i) => i.name === a.name);
    if (!allLive && !replaced) continue;
    ctx.phases.dropIndexes.push({
      kind: 'drop_index',
      entity,
      field: a.columns[0] ? (liveName.get(a.columns[0]) ?? a.columns[0]) : undefined,
      description: `Drop index "${a.name}" of "${entity}" (no data is lost)`,
      destructive: false,
      sql: [dropIndexSql(a.name)],
    });
  }
};
