import type { AppError } from '../errors.js';

export interface Rename {
  from: string;
  to: string;
  /** A detour name, used to break a cycle such as a ↔ b. */
  temporary?: boolean;
}

/**
 * Orders renames so none targets a name still in use, breaking cycles through a temporary
 * name. A target held by something that is not being renamed away is a conflict.
 */
export const orderRenames = (renames: Rename[], existing: Iterable<string>, blocked: (r: Rename) => AppError): Rename[] => {
  const names = new Set(existing);
  const movingAway = new Set(renames.map((r) => r.from));
  for (const r of renames) if (names.has(r.to) && !movingAway.has(r.to)) throw blocked(r);
  const pending = renames.map((r) => ({ ...r }));
  const ordered: Rename[] = [];
  let detours = 0;
  while (pending.length > 0) {
    const next = pending.findIndex((r) => !names.has(r.to));
    if (next >= 0) {
      const [r] = pending.splice(next, 1);
      names.delete(r.from);
      names.add(r.to);
      ordered.push(r);
      continue;
    }
    const r = pending[0];
    const detour = `_rename_${++detours}_${r.from}`.slice(0, 63);
    ordered.push({ from: r.from, to: detour, temporary: true });
    names.delete(r.from);
    names.add(detour);
    r.from = detour;
  }
  return ordered;
};
