import type { Knex } from 'knex';
import type { PlanPhases } from './plan-phases.js';

/** What planning one table needs to know about the whole schema. */
export interface PlanContext {
  trx: Knex.Transaction;
  phases: PlanPhases;
  /** Actual table name → the entity (desired table) it now belongs to. */
  entityOfTable: Map<string, string>;
  /** Entity name → its table as it is now, before any step runs. */
  tableOfEntity: Map<string, string>;
  /** The schema pg_trgm is installed in, or undefined where it is not (no trigram indexes then). */
  trigramSchema?: string;
}
