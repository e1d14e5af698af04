import { notFound } from '../errors.js';
import { diffValues } from './diff-documents.js';
import { guardDraftChange } from './draft-change-guards.js';
import { introducedProblems } from './introduced-problems.js';
import { childPointer } from './problem.js';
import { addressProblems, refuse } from './save-tenant-document.js';
import { systemLayer } from './system-layer.js';
import { DOCUMENTS, appendVersion, lockTenant, readDraft, type TenantMetaCtx } from './tenant-store.js';

/**
 * Removes a document from the tenant's working layer (a whole document of the tenant, or
 * its overlay of a lower one), unless that breaks another document. Recorded as a version.
 */
export const deleteTenantDocument = async (input: { kind: string; name: string; message?: string }, ctx: TenantMetaCtx): Promise<{ version: number }> => {
  const { kind, name } = input;
  const early = addressProblems(kind, name);
  if (early.length) refuse(kind, name, early);
  return ctx.knex.transaction(async (trx) => {
    await lockTenant(trx, ctx.tenant);
    const before = await readDraft(trx, ctx.tenant);
    const previous = before.find((d) => d.kind === kind && d.name === name);
    if (!previous) throw notFound(`The tenant has no ${kind} "${name}"`);
    const after = before.filter((d) => d !== previous);
    guardDraftChange(ctx.lowerLayers ?? [systemLayer()], before, after);
    const problems = introducedProblems(ctx.lowerLayers ?? [systemLayer()], before, after);
    if (problems.length) refuse(kind, name, problems);
    await trx(DOCUMENTS).where({ tenant_id: ctx.tenant.id, kind, name }).delete();
    const version = await appendVersion(trx, ctx, {
      message: input.message ?? `Deleted ${kind} ${name}`,
      diff: diffValues(previous, undefined, childPointer('', kind, name)),
      snapshot: after,
    });
    return { version };
  });
};
