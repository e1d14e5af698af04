import type { Knex } from 'knex';
import { AppError, problem } from '../errors.js';
import { conversionOf } from './conversion.js';
import { countNotConverting } from './dry-run.js';
import { translateApplyError } from './translate-apply-error.js';
import type { PlanStep, SchemaPlan } from './types.js';

/** A narrowing type change checks its rows again right before it runs, to fail with a count. */
const checkConversion = async (trx: Knex.Transaction, step: PlanStep): Promise<void> => {
  if (step.kind !== 'change_type' || !step.field || !step.details) return;
  const { from, to } = step.details as { from: string; to: string };
  const conversion = conversionOf(from, to);
  if (!conversion?.narrowing) return;
  const rowsNotConverting = await countNotConverting(trx, { table: step.entity, column: step.field, from }, conversion);
  if (rowsNotConverting > 0) {
    throw problem('TYPE_CHANGE_FAILED', { rows: rowsNotConverting, field: `${step.entity}.${step.field}`, to }, { entity: step.entity, field: step.field, rowsNotConverting });
  }
};

/**
 * Runs a plan in the caller's transaction, inside a savepoint: any failing step rolls
 * back every step (the caller's transaction stays usable) and surfaces as an AppError.
 * A plan with destructive steps is refused (409 DESTRUCTIVE_NOT_CONFIRMED) before any DDL
 * unless confirmDestructive is set.
 */
export async function applyPlan(trx: Knex.Transaction, plan: SchemaPlan, opts: { confirmDestructive?: boolean } = {}): Promise<void> {
  const destructive = plan.steps.filter((s) => s.destructive);
  if (destructive.length > 0 && !opts.confirmDestructive) {
    throw problem('DESTRUCTIVE_NOT_CONFIRMED', { count: destructive.length }, {
      steps: destructive.map((s) => ({ kind: s.kind, entity: s.entity, field: s.field, description: s.description })),
    });
  }
  if (plan.steps.length === 0) return;
  await trx.transaction(async (sp) => {
    for (const step of plan.steps) {
      try {
        await checkConversion(sp, step);
        for (const f of step.sql) await sp.raw(f.sql, [...f.bindings]);
      } catch (err) {
        throw translateApplyError(err, step);
      }
    }
  });
}
