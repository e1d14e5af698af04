import type { PlanStep } from './types.js';

/** The order steps run in: renames free names before creations take them, constraints go last. */
export const PHASES = [
  'renameTables',
  'createTables',
  'dropForeignKeys',
  'dropIndexes',
  'renameColumns',
  'addColumns',
  'changeTypes',
  'comments',
  'renameIndexes',
  'createIndexes',
  'addForeignKeys',
] as const;

export type Phase = (typeof PHASES)[number];
export type PlanPhases = Record<Phase, PlanStep[]>;

export const emptyPhases = (): PlanPhases => Object.fromEntries(PHASES.map((p) => [p, []])) as unknown as PlanPhases;

export const stepsInOrder = (phases: PlanPhases): PlanStep[] => PHASES.flatMap((p) => phases[p]);
