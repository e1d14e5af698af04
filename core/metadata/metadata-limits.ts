import { limits, type LimitName } from '../config/index.js';
import { problem, type ProblemKey } from '../errors.js';
import type { EffectiveMeta } from './types.js';

/** One counted thing: which limit, its problem, the words that name it, and its count in some metadata. */
interface Counted {
  limit: LimitName;
  key: ProblemKey;
  params: Record<string, string>;
  count: (meta: EffectiveMeta) => number;
}

const docs = (meta: EffectiveMeta, kind: 'workflow' | 'report') => Object.values(meta.documents[kind] ?? {}) as { name: string; steps?: unknown[]; groupBy?: unknown[] }[];

const counted = (meta: EffectiveMeta): Counted[] => [
  { limit: 'entitiesPerTenant', key: 'LIMIT_ENTITIES_PER_TENANT', params: {}, count: (m) => Object.keys(m.entities).length },
  ...Object.keys(meta.entities).flatMap((entity): Counted[] => [
    { limit: 'fieldsPerEntity', key: 'LIMIT_FIELDS_PER_ENTITY', params: { entity }, count: (m) => Object.keys(m.entities[entity]?.fields ?? {}).length },
    { limit: 'rulesPerEntity', key: 'LIMIT_RULES_PER_ENTITY', params: { entity }, count: (m) => m.entities[entity]?.rules?.length ?? 0 },
    { limit: 'rollupsPerEntity', key: 'LIMIT_ROLLUPS_PER_ENTITY', params: { entity }, count: (m) => Object.values(m.entities[entity]?.fields ?? {}).filter((f) => f.type === 'rollup').length },
  ]),
  ...docs(meta, 'workflow').map((w): Counted => ({ limit: 'workflowSteps', key: 'LIMIT_WORKFLOW_STEPS', params: { workflow: w.name }, count: (m) => (m.documents.workflow?.[w.name]?.steps as unknown[] | undefined)?.length ?? 0 })),
  ...docs(meta, 'report').map((r): Counted => ({ limit: 'reportGroupBys', key: 'LIMIT_REPORT_GROUP_BYS', params: { report: r.name }, count: (m) => (m.documents.report?.[r.name]?.groupBy as unknown[] | undefined)?.length ?? 0 })),
];

/**
 * Refuses (422 LIMIT_EXCEEDED, naming the limit) metadata `after` a change that goes past a
 * published limit (core/config/limits.ts). Only what the change makes larger counts, so an
 * install whose limits were lowered still takes unrelated changes.
 */
export const refuseOverLimits = (before: EffectiveMeta | undefined, after: EffectiveMeta): void => {
  const max = limits();
  for (const c of counted(after)) {
    const count = c.count(after);
    if (count <= max[c.limit] || (before && count <= c.count(before))) continue;
    throw problem(c.key, { ...c.params, count: String(count), max: String(max[c.limit]) }, { limit: c.limit, max: max[c.limit], count });
  }
};
