import { forbidden, invalidInput, problem } from '../../errors.js';
import { assertRecordRight, getRecord, ruleData, type RecordContext } from '../../records/index.js';
import { ruleAccepts } from '../../rules/index.js';
import { workflowNamed } from '../definitions.js';
import { startRuns } from '../runs/start-runs.js';
import { manualRight, mayStartManual } from './manual-access.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A manual button on a record or a selection: one run per record. The user must be allowed
 * to start the workflow (its roles; 403), read each record (404 otherwise) and hold the
 * right the workflow requires on it (default update; 403 NO_RIGHT), and the trigger's
 * condition must hold for each (422 naming those it does not hold for). All or nothing,
 * in the caller's transaction.
 */
export const startManualRuns = async (input: { workflow: string; recordIds: unknown }, ctx: RecordContext, tenantId: string): Promise<{ runs: string[] }> => {
  const wf = workflowNamed(ctx.meta, input.workflow);
  if (wf.trigger.on !== 'manual' || wf.enabled === false) throw problem('NOT_MANUAL', { workflow: wf.name });
  if (!mayStartManual(wf, ctx.actor, ctx.meta)) throw forbidden(`You may not start workflow "${wf.name}"`, { code: 'NO_RIGHT' });
  const ids = input.recordIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500 || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
    throw invalidInput('recordIds must list 1 to 500 record ids', [{ field: 'recordIds', message: 'an array of 1 to 500 uuids' }]);
  }
  const unique = [...new Set(ids as string[])];
  const records = [];
  const right = manualRight(wf);
  for (const id of unique) {
    records.push(await getRecord(wf.entity!, id, ctx));
    if (right !== 'read') await assertRecordRight(wf.entity!, id, right, ctx);
  }
  const refused = wf.trigger.condition === undefined ? [] : records.filter((r) => !ruleAccepts(wf.trigger.condition as never, ruleData(r, undefined, ctx)));
  if (refused.length) {
    throw problem('CONDITION_NOT_MET', { count: refused.length }, { errors: refused.map((r) => ({ field: `recordIds/${unique.indexOf(r.id as string)}`, message: `condition not met for ${r.id}` })) });
  }
  const runs = await startRuns(ctx.db, tenantId, records.map((record) => ({ workflow: wf.name, trigger: 'manual' as const, entity: wf.entity, recordId: record.id as string, input: { record }, depth: 0, actorId: ctx.actor.id })));
  return { runs };
};
