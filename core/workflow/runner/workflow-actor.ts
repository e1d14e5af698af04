import type { WorkflowDocument } from '../../metadata/types.js';
import type { Actor } from '../../records/index.js';

/**
 * Whom a workflow acts as: the workflow itself, unrestricted inside its tenant. Its id
 * is not a user id, so records it writes have no created_by/updated_by; history and
 * runs name the workflow.
 */
export const workflowActor = (wf: WorkflowDocument): Actor => ({ id: `workflow:${wf.name}`, name: `Workflow ${wf.name}`, roles: [], team: null, isAdmin: true });
