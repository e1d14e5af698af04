import { AppError, invalidInput, isAppError, type FieldProblem } from '../errors.js';
import { createRecord } from './create-record.js';
import { deleteRecord } from './delete-record.js';
import { entityOf } from './entity-fields.js';
import type { RecordContext, RecordData } from './types.js';
import { updateRecord } from './update-record.js';

/** Most items one batch may carry. */
export const MAX_BATCH_ITEMS = 200;

export interface BatchItem {
  op: 'create' | 'update' | 'delete';
  id?: string;
  version?: number;
  data?: RecordData;
}

/** A problem of one item, shaped as a problem document without the request's envelope. */
export interface ItemProblem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export interface BatchResult {
  status: number;
  id?: string;
  version?: number;
  problem?: ItemProblem;
}

/** The answer of an all-or-none batch with a failing item: nothing was written (422, with every item's result). */
export class BatchRolledBack extends AppError {
  constructor(results: BatchResult[]) {
    const failed = results.filter((r) => r.problem && r.problem.code !== 'NOT_APPLIED').length;
    super('BATCH_ROLLED_BACK', 422, `${failed} of ${results.length} items failed, so none was applied (all or none).`, { results, params: { failed, total: results.length } });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The batch envelope, or 400 naming what is wrong. Items are checked one by one when run. */
export const parseBatch = (body: unknown): { allOrNone: boolean; items: unknown[] } => {
  if (!isObject(body)) throw invalidInput('The body must be {"allOrNone": bool, "items": [...]}', [{ field: '', message: 'expected an object' }]);
  const problems: FieldProblem[] = [];
  if (body.allOrNone !== undefined && typeof body.allOrNone !== 'boolean') problems.push({ field: 'allOrNone', message: 'must be true or false' });
  if (!Array.isArray(body.items) || body.items.length === 0) problems.push({ field: 'items', message: 'must be a non-empty list' });
  else if (body.items.length > MAX_BATCH_ITEMS) problems.push({ field: 'items', message: `at most ${MAX_BATCH_ITEMS} items per batch`, code: 'TOO_MANY_ITEMS' });
  for (const k of Object.keys(body)) if (k !== 'allOrNone' && k !== 'items') problems.push({ field: k, message: 'unknown property' });
  if (problems.length) throw invalidInput('The batch is not valid', problems);
  return { allOrNone: body.allOrNone === true, items: body.items as unknown[] };
};

/** One item's shape, or 400 naming its problems. */
const itemOf = (raw: unknown): BatchItem => {
  if (!isObject(raw)) throw invalidInput('An item must be an object', [{ field: '', message: 'expected an object' }]);
  const problems: FieldProblem[] = [];
  const op = raw.op;
  if (op !== 'create' && op !== 'update' && op !== 'delete') problems.push({ field: 'op', message: 'must be create, update or delete' });
  if (op !== 'create' && op !== undefined && typeof raw.id !== 'string') problems.push({ field: 'id', message: 'is required for update and delete' });
  if (op === 'create' && raw.id !== undefined) problems.push({ field: 'id', message: 'is made by the engine; leave it out of a create' });
  if (raw.version !== undefined && !(Number.isInteger(raw.version) && (raw.version as number) > 0)) problems.push({ field: 'version', message: 'must be a whole number' });
  if ((op === 'create' || op === 'update') && !isObject(raw.data)) problems.push({ field: 'data', message: 'must be an object of field values' });
  for (const k of Object.keys(raw)) if (!['op', 'id', 'version', 'data'].includes(k)) problems.push({ field: k, message: 'unknown property' });
  if (problems.length) throw invalidInput('The item is not valid', problems);
  return raw as unknown as BatchItem;
};

const problemOf = (e: AppError): ItemProblem => {
  const { errors, ...rest } = e.details ?? {};
  return { ...rest, status: e.status, code: e.code, detail: e.message, ...(errors ? { errors } : {}) };
};

const runItem = async (entity: string, item: BatchItem, ctx: RecordContext): Promise<BatchResult> => {
  if (item.op === 'create') {
    const r = await createRecord(entity, item.data!, ctx);
    return { status: 201, id: String(r.id), version: Number(r.version) };
  }
  if (item.op === 'update') {
    const r = await updateRecord(entity, item.id!, item.data!, ctx, { ifMatch: item.version });
    return { status: 200, id: String(r.id), version: Number(r.version) };
  }
  await deleteRecord(entity, item.id!, ctx, { ifMatch: item.version });
  return { status: 204, id: item.id };
};

const NOT_APPLIED: ItemProblem = { status: 424, code: 'NOT_APPLIED', detail: 'Not applied: another item of this all-or-none batch failed' };

/**
 * Runs a batch of creates, updates and deletes of one entity in the caller's tenant
 * transaction, each item through the record service exactly as its single route (rights,
 * row scope, hooks and workflows, `version` as If-Match → 409) and in its own savepoint,
 * so a failing item leaves nothing behind and the others go on. Every item is tried, so
 * the results name every failure. `allOrNone`: when any item failed, BatchRolledBack (422)
 * is thrown so the caller's transaction rolls back; the items that had succeeded say 424
 * NOT_APPLIED. Errors that are not a user's (a server fault) abort the whole batch.
 */
export async function runBatch(entity: string, input: { allOrNone: boolean; items: unknown[] }, ctx: RecordContext): Promise<BatchResult[]> {
  entityOf(entity, ctx);
  const itemCtx: RecordContext = { ...ctx, singleWrite: false };
  const results: BatchResult[] = [];
  for (const raw of input.items) {
    try {
      results.push(await runItem(entity, itemOf(raw), itemCtx));
    } catch (e) {
      if (!isAppError(e) || e.status >= 500) throw e;
      results.push({ status: e.status, ...(isObject(raw) && typeof raw.id === 'string' ? { id: raw.id } : {}), problem: problemOf(e) });
    }
  }
  if (input.allOrNone && results.some((r) => r.problem)) {
    throw new BatchRolledBack(results.map((r) => (r.problem ? r : { status: NOT_APPLIED.status, ...(r.id && r.status !== 201 ? { id: r.id } : {}), problem: NOT_APPLIED })));
  }
  return results;
}
