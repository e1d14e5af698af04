import type { EntityDocument } from '../../metadata/types.js';
import { collectVars } from '../../rules/index.js';
import type { EntityRights } from './types.js';

const cache = new WeakMap<EntityRights, Set<string>>();

/**
 * The fields the actor may not see: hidden ones, and formulas computed from a hidden
 * field (their value would give it away). Results never vary with a hidden value.
 */
export const hiddenFields = (entity: EntityDocument, rights: EntityRights): Set<string> => {
  if (rights.unrestricted) return new Set();
  const hit = cache.get(rights);
  if (hit) return hit;
  const hidden = new Set(Object.entries(rights.fields).filter(([, a]) => a === 'hidden').map(([f]) => f));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, f] of Object.entries(entity.fields ?? {})) {
      if (hidden.has(name) || f.type !== 'formula') continue;
      const vars = collectVars(f.expr).map((v) => v.split('.')[0]);
      if (vars.some((v) => hidden.has(v))) {
        hidden.add(name);
        grew = true;
      }
    }
  }
  cache.set(rights, hidden);
  return hidden;
};
