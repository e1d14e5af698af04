import { problem } from '../../../errors.js';
import { updateRecord } from '../../../records/index.js';
import { ruleAccepts } from '../../../rules/index.js';
import { defineStep } from '../../types.js';
import { needRecord, recordsOf } from '../need-record.js';
import { resolveFixed, type Recipients } from '../recipients.js';
import { leastLoaded, nextInTurn } from './choose.js';
import { schema } from './schema.js';

/** Assigns the run's record to a user: by rule, in turn, or to the least loaded candidate. */
export const assignStep = defineStep({
  type: 'assign',
  kind: 'tx',
  schema,
  prepare: async (step, ctx) => (await resolveFixed(step.candidates as Recipients | undefined, ctx.lookup)).map((u) => u.id),
  async run(step, ctx) {
    const { entity, id } = needRecord(ctx);
    const field = (step.field as string | undefined) ?? 'owner_id';
    const rules = (step.rules as { when: unknown; user: string }[] | undefined) ?? [];
    const byRule = rules.find((r) => ruleAccepts(r.when as never, ctx.data))?.user;
    const candidates = [...(ctx.prepared as string[])].sort();
    let user = byRule;
    let how = byRule ? 'rule' : (step.strategy as string);
    if (!user) {
      if (!candidates.length) throw problem('NO_CANDIDATES', { step: step.id });
      if (how === 'rule') how = 'round_robin';
      const db = ctx.db!;
      user = how === 'least_loaded' ? await leastLoaded(db, entity, field, candidates) : await nextInTurn(db, `assign:${ctx.workflow.name}:${step.id}`, candidates);
    }
    await updateRecord(entity, id, { [field]: user }, recordsOf(ctx));
    return { output: { user, field, how } };
  },
});
