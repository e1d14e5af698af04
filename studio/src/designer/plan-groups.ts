import type { PlanStep } from '../api/types.js';
import type { DocumentDiff } from './version-diff.js';

/** One document on the publish page: the database steps it needs and its changes since the last publish. */
export interface PlanGroup {
  /** `<kind>/<name>` */
  key: string;
  steps: PlanStep[];
  diff?: DocumentDiff;
  destructive: number;
}

/**
 * The publish plan grouped by document: schema steps belong to their entity's document; a
 * changed document without steps (a form, a view) is listed too. Destructive groups come first.
 */
export const groupPlan = (steps: PlanStep[], diffs: DocumentDiff[]): PlanGroup[] => {
  const groups = new Map<string, PlanGroup>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { key, steps: [], destructive: 0 }).get(key)!;
  for (const step of steps) {
    const g = group(step.entity ? `entity/${step.entity}` : 'other');
    g.steps.push(step);
    if (step.destructive) g.destructive++;
  }
  for (const d of diffs) group(d.key).diff = d;
  return [...groups.values()].sort((a, b) => Number(b.destructive > 0) - Number(a.destructive > 0) || a.key.localeCompare(b.key));
};
