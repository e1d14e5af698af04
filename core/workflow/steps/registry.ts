import type { StepDefinition } from '../types.js';
import { setStep } from './set/run.js';

/** Every step type by name; each lives in its own folder with its options schema and test. */
export const stepTypes: Record<string, StepDefinition> = Object.fromEntries([setStep].map((s) => [s.type, s]));
