import { getRecord, withSystemRights, type BeforeHook } from '../../../core/index.js';
import { checkEngineerFits } from './dispatch-checks.js';
import { skillsOf } from './dispatch.js';

/**
 * Every door that sets a work order's engineer (a PATCH, an import, the dispatch action)
 * meets the same refusal: an inactive engineer, one without the order's skill at its level,
 * or one outside its territory is a 422. Skills are read as the system: whether an engineer
 * fits does not depend on who asks.
 */
export const guardAssignment: BeforeHook = async (event, ctx) => {
  const data = event.data;
  const old = event.old ?? {};
  const assigned = 'engineer' in data ? data.engineer : old.engineer;
  if (typeof assigned !== 'string' || !assigned) return;
  const changed = ['engineer', 'required_skill', 'required_level', 'territory'].some((f) => f in data && data[f] !== old[f]);
  if (!changed) return;
  const engineerId = assigned;
  const system = withSystemRights(ctx);
  const engineer = await getRecord('engineer', engineerId, system);
  const pick = (f: string) => (f in data ? data[f] : old[f]) as string | number | null | undefined;
  checkEngineerFits(engineer, await skillsOf(engineerId, system), { number: String(old.number ?? ''), skill: pick('required_skill') as string | null, level: pick('required_level') as number | null, territory: pick('territory') as string | null }, ctx.meta);
};
