import { METADATA_KINDS, type MetadataDocument, type MetadataKind } from './types.js';
import type { MetadataProblem } from './problem.js';

/** Names the file a problem at `pointer` of a document belongs to (layers merge many files into one document). */
export type FileOf = (kind: MetadataKind, name: string, pointer: string) => string;

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * What the semantic checks share: every document by kind and name, and where problems go.
 * The checks read documents defensively: a document that failed the structural pass is
 * still checked as far as its shape allows, and never makes a check throw.
 */
export interface CheckContext {
  docs: Record<MetadataKind, Map<string, MetadataDocument>>;
  problems: MetadataProblem[];
  report(doc: MetadataDocument, pointer: string, message: string): void;
  /** The fields of an entity, or undefined when there is no such entity. */
  fieldsOf(entity: string): Record<string, Obj> | undefined;
}

export const createCheckContext = (documents: MetadataDocument[], fileOf: FileOf): CheckContext => {
  const docs = Object.fromEntries(METADATA_KINDS.map((k) => [k, new Map()])) as CheckContext['docs'];
  const problems: MetadataProblem[] = [];
  const report = (doc: MetadataDocument, pointer: string, message: string): void => {
    problems.push({ file: fileOf(doc.kind, doc.name, pointer), pointer, message });
  };
  for (const doc of documents) {
    const byName = docs[doc.kind];
    if (!byName) continue;
    if (byName.has(doc.name)) report(doc, '/name', `another ${doc.kind} is also named "${doc.name}"`);
    else byName.set(doc.name, doc);
  }
  const fieldsOf = (entity: string): Record<string, Obj> | undefined => {
    const doc = docs.entity.get(entity);
    if (!doc) return undefined;
    return Object.fromEntries(Object.entries(asObj(doc.fields)).filter(([, f]) => isObj(f))) as Record<string, Obj>;
  };
  return { docs, problems, report, fieldsOf };
};
