import { METADATA_KINDS } from './types.js';
import { checkMetadata } from './check-metadata.js';
import { documentKey, layerFile, mergeLayers, type MergeResult, type MetadataLayer } from './merge-layers.js';
import { originOf } from './merge-values.js';
import { dedupeProblems, type MetadataProblem } from './problem.js';
import { validateDocument } from './validate-document.js';

/**
 * Validates layers the way they will be used: each document against its schema (in
 * overlay mode when a lower layer has a document of the same kind and name), the merge
 * rules, every extended document again in full once merged, then the semantic pass over
 * the effective metadata. Problems name the file that wrote the offending part.
 */
export const checkLayers = (layers: MetadataLayer[]): MergeResult => {
  const problems: MetadataProblem[] = [];
  const below = new Set<string>();
  for (const layer of layers) {
    const keys = layer.documents.map((d) => documentKey(d.kind, d.name));
    layer.documents.forEach((doc, i) => {
      if (!METADATA_KINDS.includes(doc.kind)) return;
      problems.push(...validateDocument(doc, { file: layerFile(layer, doc), overlay: below.has(keys[i]) }));
    });
    for (const k of keys) below.add(k);
  }
  const merged = mergeLayers(layers);
  problems.push(...merged.problems);
  const fileOf = (kind: string, name: string, pointer: string): string => {
    const key = documentKey(kind, name);
    return originOf(merged.origins[key], pointer) ?? key;
  };
  for (const doc of merged.documents) {
    if (!merged.owners.documents[documentKey(doc.kind, doc.name)]?.extendedBy.length) continue;
    for (const p of validateDocument(doc)) problems.push({ ...p, file: fileOf(doc.kind, doc.name, p.pointer) });
  }
  problems.push(...checkMetadata(merged.documents, { fileOf }));
  return { ...merged, problems: dedupeProblems(problems) };
};
