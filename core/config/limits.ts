import { config } from './load-config.js';

/**
 * The published limits of the engine, one place for their values (docs/limits.md is their
 * table; a test keeps the two equal). Each can be lowered or raised per install with
 * CRM_LIMITS, e.g. `CRM_LIMITS=fieldsPerEntity=300,rowsPerImport=50000`.
 */
export const DEFAULT_LIMITS = {
  /** Fields of one entity, system columns not counted. */
  fieldsPerEntity: 500,
  /** Entities in force for one tenant (system, plugins and the tenant's own). */
  entitiesPerTenant: 300,
  /** Validation rules of one entity. */
  rulesPerEntity: 100,
  /** Roll-up fields of one entity. */
  rollupsPerEntity: 50,
  /** Steps of one workflow. */
  workflowSteps: 100,
  /** Group-by fields of one report. */
  reportGroupBys: 6,
  /** Data rows of one imported file (CSV or worksheet). */
  rowsPerImport: 100_000,
} as const;

export type LimitName = keyof typeof DEFAULT_LIMITS;
export type Limits = Record<LimitName, number>;

const isLimitName = (name: string): name is LimitName => Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, name);

/** Reads `name=value,…` (CRM_LIMITS): every name a published limit, every value a whole number of at least 1. */
export const parseLimits = (text: string | undefined): Partial<Limits> => {
  const out: Partial<Limits> = {};
  for (const part of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, raw] = part.split('=').map((s) => s.trim());
    const value = Number(raw);
    if (!isLimitName(name)) throw new Error(`CRM_LIMITS names "${name}", which is not a limit (limits: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    if (!Number.isInteger(value) || value < 1) throw new Error(`CRM_LIMITS gives ${name} "${raw ?? ''}": it must be a whole number of at least 1`);
    out[name] = value;
  }
  return out;
};

/** The limits in force: the defaults with CRM_LIMITS over them. */
export const limits = (): Limits => ({ ...DEFAULT_LIMITS, ...parseLimits(config().CRM_LIMITS) });
