import type { StepDefinition } from '../types.js';
import { approvalStep } from './approval/run.js';
import { assignStep } from './assign/run.js';
import { branchStep } from './branch/run.js';
import { createStep } from './create/run.js';
import { emailStep } from './email/run.js';
import { notifyStep } from './notify/run.js';
import { scriptStep } from './script/run.js';
import { setStep } from './set/run.js';
import { updateRelatedStep } from './update-related/run.js';
import { waitStep } from './wait/run.js';
import { webhookStep } from './webhook/run.js';

/** Every step type by name; each lives in its own folder with its options schema, its run and its test. */
export const stepTypes: Record<string, StepDefinition> = Object.fromEntries(
  [setStep, createStep, updateRelatedStep, assignStep, notifyStep, emailStep, webhookStep, waitStep, branchStep, approvalStep, scriptStep].map((s) => [s.type, s]),
);
