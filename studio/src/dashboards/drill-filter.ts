const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const mentions = (part: unknown, field: string): boolean => {
  if (typeof part !== 'object' || part === null || Array.isArray(part)) return false;
  const [args] = Object.values(part as Record<string, unknown>);
  return Array.isArray(args) && args.some((a) => typeof a === 'object' && a !== null && (a as { var?: unknown }).var === field);
};

/**
 * A row's drill filter without the condition on one group (the report's own filter is
 * kept): the records of a pie slice or funnel step that adds up the rows of several cells.
 */
export const dropGroup = (drill: unknown, field: string, reportFilter: unknown): unknown => {
  const parts = typeof drill === 'object' && drill !== null && Array.isArray((drill as { and?: unknown }).and) ? ((drill as { and: unknown[] }).and) : [drill];
  const kept = parts.filter((p) => (reportFilter !== undefined && same(p, reportFilter)) || !mentions(p, field));
  return kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : { and: kept };
};

/** The app's list of an entity filtered by a json-logic rule. */
export const drillLink = (entity: string, filter: unknown): { path: string; query: Record<string, string> } => ({
  path: `/app/${entity}`,
  query: filter === undefined ? {} : { filter: JSON.stringify(filter) },
});
