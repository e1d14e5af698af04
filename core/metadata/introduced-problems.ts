import type { MetadataDocument } from './types.js';
import { checkLayers } from './check-layers.js';
import type { MetadataLayer } from './merge-layers.js';
import type { MetadataProblem } from './problem.js';
import { tenantLayer } from './tenant-store.js';

const key = (p: MetadataProblem): string => `${p.file}\u0000${p.pointer}\u0000${p.message}`;

/**
 * The problems a change of the tenant layer would bring: those of the layers after it
 * that were not there before. Problems already present (say, after a plugin upgrade) do
 * not block an unrelated save; a change that breaks another document does.
 */
export const introducedProblems = (lower: MetadataLayer[], before: MetadataDocument[], after: MetadataDocument[]): MetadataProblem[] => {
  const old = new Set(checkLayers([...lower, tenantLayer(before)]).problems.map(key));
  return checkLayers([...lower, tenantLayer(after)]).problems.filter((p) => !old.has(key(p)));
};
