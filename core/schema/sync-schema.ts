import type { Knex } from 'knex';
import type { EffectiveMeta } from '../metadata/types.js';
import { applyPlan } from './apply-plan.js';
import { fillOwnerFields } from './fill-owner-fields.js';
import { lockSchema } from './lock-schema.js';
import { planSchema } from './plan-schema.js';
import type { SchemaPlan } from './types.js';

/** Plans and applies in one go, under the tenant's schema lock, then fills empty owner fields; returns the plan it ran. */
export async function syncSchema(trx: Knex.Transaction, meta: EffectiveMeta, opts: { confirmDestructive?: boolean } = {}): Promise<SchemaPlan> {
  await lockSchema(trx);
  const plan = await planSchema(trx, meta);
  await applyPlan(trx, plan, opts);
  await fillOwnerFields(trx, meta);
  return plan;
}
