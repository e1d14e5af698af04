import type { Knex } from 'knex';
import { conflict, invalidInput } from '../errors.js';
import { METADATA_KINDS, type MetadataDocument, type MetadataKind } from './types.js';
import { diffValues } from './diff-documents.js';
import { changeMessage, describeChanges } from './describe-changes.js';
import { guardDraftChange } from './draft-change-guards.js';
import { introducedProblems } from './introduced-problems.js';
import { NAME_PATTERN } from './reserved-names.js';
import { childPointer, type MetadataProblem } from './problem.js';
import { systemLayer } from './system-layer.js';
import { appendVersion, latestVersion, lockTenant, readDraft, writeDraftDocument, type TenantMetaCtx } from './tenant-store.js';

export interface SaveTenantDocumentInput {
  kind: string;
  name: string;
  doc: unknown;
  message?: string;
  /** The version the editor started from; a save on top of a newer one is a conflict (409). */
  baseVersion?: number;
  /** Runs in the save's transaction once the document is stored; `created` when the tenant layer had no document of that kind and name before. */
  onStored?: (trx: Knex, created: boolean) => Promise<void>;
}

/** Problems with the kind and name a document is addressed by. */
export const addressProblems = (kind: string, name: string): MetadataProblem[] => {
  const file = `tenant:${kind}/${name}`;
  const problems: MetadataProblem[] = [];
  if (!METADATA_KINDS.includes(kind as MetadataKind)) problems.push({ file, pointer: '/kind', message: `must be one of: ${METADATA_KINDS.join(', ')}` });
  if (!NAME_PATTERN.test(name)) problems.push({ file, pointer: '/name', message: 'use lowercase letters, digits and _, starting with a letter (at most 63 characters)' });
  return problems;
};

/** Problems with the address and the shape of what is being saved, before any metadata check. */
const inputProblems = (kind: string, name: string, doc: unknown): MetadataProblem[] => {
  const file = `tenant:${kind}/${name}`;
  const problems = addressProblems(kind, name);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [...problems, { file, pointer: '', message: 'must be a JSON object' }];
  const d = doc as Record<string, unknown>;
  if (d.kind !== undefined && d.kind !== kind) problems.push({ file, pointer: '/kind', message: `must be "${kind}" as in the address` });
  if (d.name !== undefined && d.name !== name) problems.push({ file, pointer: '/name', message: `must be "${name}" as in the address` });
  return problems;
};

/** Refuses a change with every problem it has (400), each as {field: pointer, message}. */
export const refuse = (kind: string, name: string, problems: MetadataProblem[]): never => {
  const own = `tenant:${kind}/${name}`;
  throw invalidInput(
    `The ${kind} "${name}" has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    problems.map((p) => ({ field: p.pointer, message: p.file === own ? p.message : `${p.file}: ${p.message}` })),
    { problems },
  );
};

/**
 * Saves a document of the tenant's working layer: a whole new document, or an overlay of
 * one from a lower layer. Validated in context (structure, merge rules, references,
 * rules); any problem it brings refuses the save and nothing is stored. A stored save
 * appends a version with its author, diff and the whole layer after it.
 */
export const saveTenantDocument = async (input: SaveTenantDocumentInput, ctx: TenantMetaCtx): Promise<{ version: number; doc: MetadataDocument }> => {
  const { kind, name } = input;
  const early = inputProblems(kind, name, input.doc);
  if (early.length) refuse(kind, name, early);
  const doc = { ...(input.doc as Record<string, unknown>), kind, name } as MetadataDocument;
  return ctx.knex.transaction(async (trx) => {
    await lockTenant(trx, ctx.tenant);
    if (input.baseVersion !== undefined && input.baseVersion !== (await latestVersion(trx, ctx.tenant))) {
      throw conflict('The metadata changed since you opened it; reload and apply your change again');
    }
    const before = await readDraft(trx, ctx.tenant);
    const previous = before.find((d) => d.kind === kind && d.name === name);
    const after = [...before.filter((d) => d !== previous), doc];
    guardDraftChange(ctx.lowerLayers ?? [systemLayer()], before, after);
    const problems = introducedProblems(ctx.lowerLayers ?? [systemLayer()], before, after);
    if (problems.length) refuse(kind, name, problems);
    await writeDraftDocument(trx, ctx, doc);
    await input.onStored?.(trx, !previous);
    const diff = diffValues(previous, doc, childPointer('', kind, name));
    const version = await appendVersion(trx, ctx, {
      message: input.message ?? (changeMessage(describeChanges(diff)) || `${previous ? 'Changed' : 'Added'} ${kind} ${name}`),
      diff,
      snapshot: await readDraft(trx, ctx.tenant),
    });
    return { version, doc };
  });
};
