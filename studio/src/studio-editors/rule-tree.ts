import { logicToRow, rowToLogic, type Combinator, type FilterRow } from '../lib/filter-logic.js';

/**
 * The rule builder's state: conditions (the filter builder's rows) and groups of them,
 * joined by "all" (and) or "any" (or). Groups nest one level, which covers
 * "A and (B or C)" — the shape validation rules take in practice.
 */
export interface RuleGroup {
  combinator: Combinator;
  items: RuleItem[];
}
export type RuleItem = { row: FilterRow } | { group: RuleGroup };

type Logic = Record<string, unknown>;

const isObj = (v: unknown): v is Logic => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The builder's state as json-logic, or undefined while no condition is complete. */
export const groupToLogic = (group: RuleGroup): Logic | undefined => {
  const parts = group.items
    .map((item) => ('row' in item ? rowToLogic(item.row) : groupToLogic(item.group)))
    .filter((p): p is Logic => p !== undefined);
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : { [group.combinator]: parts };
};

const combinatorOf = (logic: unknown): [Combinator, unknown[]] | undefined => {
  if (!isObj(logic) || Object.keys(logic).length !== 1) return undefined;
  const [op, args] = Object.entries(logic)[0];
  return (op === 'and' || op === 'or') && Array.isArray(args) ? [op, args] : undefined;
};

const itemOf = (logic: unknown, depth: number): RuleItem | undefined => {
  const row = logicToRow(logic);
  if (row) return { row };
  const group = depth < 2 ? logicToGroup(logic, depth + 1) : undefined;
  return group ? { group } : undefined;
};

/** A json-logic rule as the builder's state, or undefined when the builder cannot show it (it is then edited as JSON). */
export const logicToGroup = (logic: unknown, depth = 1): RuleGroup | undefined => {
  if (logic === undefined || logic === null) return { combinator: 'and', items: [] };
  const c = combinatorOf(logic);
  if (!c) {
    const row = logicToRow(logic);
    return row ? { combinator: 'and', items: [{ row }] } : undefined;
  }
  const items = c[1].map((part) => itemOf(part, depth));
  return items.every(Boolean) ? { combinator: c[0], items: items as RuleItem[] } : undefined;
};

/** The fields a builder state reads, in order of first use. */
export const fieldsOfGroup = (group: RuleGroup): string[] => {
  const out: string[] = [];
  const walk = (g: RuleGroup) => {
    for (const item of g.items) {
      if ('row' in item) {
        if (item.row.field && !out.includes(item.row.field)) out.push(item.row.field);
      } else walk(item.group);
    }
  };
  walk(group);
  return out;
};
