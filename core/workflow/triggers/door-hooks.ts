import type { Door, RecordHooks } from '../../records/index.js';
import { composeHooks, workflowHooks } from './record-hooks.js';

export interface DoorHooksInput {
  door: Door;
  tenantId: string;
  /** The tenant's installed plugins' hooks. */
  pluginHooks?: RecordHooks;
  /** For the `workflow` door: the depth of the run whose step writes (its writes start runs one deeper). */
  runDepth?: number;
  /**
   * false: the writes start no workflow runs (only an import may ask, when an admin says
   * so). The approval lock still holds: a record waiting for a decision is not changed.
   */
  workflows?: boolean;
}

/** Raised when a door other than an import asks to skip workflows: a programming error, not a user's. */
export class WorkflowsNotOptional extends Error {
  constructor(door: Door) {
    super(`Only an import may skip workflows (asked by door "${door}")`);
  }
}

/**
 * The record hooks a write runs with, decided once for every door: the tenant's plugin
 * hooks, then the workflow engine's (the approval lock, then the runs the write starts).
 * A person's or the system's write starts runs at depth 0; a workflow step's write at its
 * run's depth + 1, so runs that start each other stop at MAX_DEPTH.
 */
export const hooksForDoor = (input: DoorHooksInput): Required<RecordHooks> => {
  const startsWorkflows = input.workflows ?? true;
  if (!startsWorkflows && input.door !== 'import') throw new WorkflowsNotOptional(input.door);
  const depth = input.door === 'workflow' ? (input.runDepth ?? 0) + 1 : 0;
  const wf = workflowHooks({ tenantId: input.tenantId, depth });
  return composeHooks(input.pluginHooks, startsWorkflows ? wf : { before: wf.before });
};
