import type { FieldProblem } from '../errors.js';
import type { WorkflowDocument } from '../metadata/types.js';
import { stepProblems } from './steps/step-options.js';
import { stepTypes } from './steps/registry.js';

const targetsOf = (step: Record<string, unknown>): [string, unknown][] => [
  ['next', step.next],
  ['onReject', step.onReject],
  ['then', step.then],
  ['else', step.else],
  ['default', step.default],
  ...((Array.isArray(step.cases) ? step.cases : []) as { next?: unknown }[]).map((c, i): [string, unknown] => [`cases/${i}/next`, c?.next]),
];

/**
 * Every problem of a workflow's steps, with JSON pointers: unknown step types, options
 * that do not match their type's schema, and step ids named as targets (next, branch
 * targets, onReject) that no step has. For the metadata check and the studio's save.
 */
export const workflowStepProblems = (doc: WorkflowDocument): FieldProblem[] => {
  const ids = new Set(doc.steps.map((s) => s.id));
  return doc.steps.flatMap((step, i) => [
    ...stepProblems(stepTypes[step.type], step).map((p) => ({ field: `/steps/${i}${p.field === '/' ? '' : p.field}`, message: p.message })),
    ...targetsOf(step)
      .filter(([, target]) => typeof target === 'string' && !ids.has(target))
      .map(([key, target]) => ({ field: `/steps/${i}/${key}`, message: `no step has the id "${String(target)}"` })),
  ]);
};
