import type { MetadataDocument } from './types.js';

/** Problems a workflow step type finds in a document's steps: a JSON pointer and a message. */
export type WorkflowStepCheck = (doc: MetadataDocument) => { field: string; message: string }[];

let stepCheck: WorkflowStepCheck | undefined;

/**
 * The workflow engine registers how its step types check their options (each type owns its
 * options schema), so metadata checks refuse a bad step when it is saved, without the
 * metadata layer depending on the engine that runs the steps.
 */
export const registerWorkflowStepCheck = (check: WorkflowStepCheck): void => {
  stepCheck = check;
};

export const workflowStepCheck = (): WorkflowStepCheck | undefined => stepCheck;
