import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { AppError, type FieldProblem, problem } from '../../errors.js';
import type { WorkflowStep } from '../../metadata/types.js';
import type { StepDefinition } from '../types.js';

const BASE_KEYS = new Set(['id', 'type', 'label', 'next', 'condition']);

/** A step's own options: everything but id, type, label, next and condition. */
export const stepOptions = (step: WorkflowStep): Record<string, unknown> =>
  Object.fromEntries(Object.entries(step).filter(([k]) => !BASE_KEYS.has(k)));

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** The problems of a step's options against its type's schema (an unknown type is one), or undefined. */
export const stepProblems = (def: StepDefinition | undefined, step: WorkflowStep): FieldProblem[] => {
  if (!def) return [{ field: '/type', message: `unknown step type "${step.type}"` }];
  let validate = compiled.get(def.type);
  if (!validate) compiled.set(def.type, (validate = ajv.compile(def.schema)));
  if (validate(stepOptions(step))) return [];
  return (validate.errors ?? []).map((e) => ({ field: e.instancePath || '/', message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}` }));
};

/** 400 INVALID_STEP naming every problem of the step's options, or undefined when they are fine. */
export const validateStepOptions = (def: StepDefinition | undefined, step: WorkflowStep): AppError | undefined => {
  const problems = stepProblems(def, step);
  return problems.length ? problem('INVALID_STEP', { step: step.id, reason: `its ${step.type} options are not valid` }, { errors: problems }) : undefined;
};
