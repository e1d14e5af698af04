import { isDeepStrictEqual } from 'node:util';
import { childPointer } from './problem.js';

/** For one merged document: which file wrote the value at each pointer (the deepest recorded ancestor counts). */
export type Origin = Record<string, string>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arrays of objects that all carry one of these keys merge item by item (items, options, rules, transitions, steps). */
const ITEM_KEYS = ['name', 'value', 'id'];

const itemKey = (base: unknown[], patch: unknown[]): string | undefined =>
  ITEM_KEYS.find((k) => [...base, ...patch].every((item) => isObj(item) && typeof item[k] === 'string'));

/**
 * Lists that are sets: a layer adds to them and cannot take away (a role's action rights,
 * which several plugins may extend). Other lists of plain values (columns, field lists)
 * are replaced, so a tenant can reorder or shorten them.
 */
const SET_POINTERS = new Set(['/actions']);

const isStringList = (v: unknown[]): v is string[] => v.every((x) => typeof x === 'string');

const clearBelow = (origin: Origin, pointer: string): void => {
  for (const p of Object.keys(origin)) if (p.startsWith(`${pointer}/`)) delete origin[p];
};

/** The file that wrote the value at `pointer`: the deepest recorded pointer at or above it. */
export const originOf = (origin: Origin | undefined, pointer: string): string | undefined => {
  if (!origin) return undefined;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (p in origin) return origin[p];
    if (p === '') return undefined;
  }
};

/** Layout lists (a form's tabs and sections) a higher layer may put in its own order. */
const ORDERED_BY_LAYER = /^(\/tabs|(\/tabs\/\d+)?\/sections)$/;

/**
 * In a layout list, a layer that names every item below sets their order (a tenant rearranging
 * a form's sections, new ones where it puts them); the origins recorded by position move with
 * the items. Otherwise, and in other lists (dictionary items…), the lower order stays.
 */
const reorder = (base: Record<string, unknown>[], patch: Record<string, unknown>[], key: string, pointer: string, file: string, origin: Origin): Record<string, unknown>[] => {
  const named = patch.map((p) => p[key]);
  if (!ORDERED_BY_LAYER.test(pointer) || !base.every((b) => named.includes(b[key]))) return [...base];
  const out = patch.map((p) => base.find((b) => b[key] === p[key]) ?? p);
  const moved: Origin = {};
  for (const [p, file] of Object.entries(origin)) {
    const rest = p.startsWith(`${pointer}/`) ? p.slice(pointer.length + 1) : undefined;
    const index = rest === undefined ? NaN : Number(rest.split('/')[0]);
    if (!Number.isInteger(index) || !base[index]) continue;
    const tail = rest!.slice(String(index).length);
    moved[childPointer(pointer, out.indexOf(base[index])) + tail] = file;
    delete origin[p];
  }
  Object.assign(origin, moved);
  out.forEach((item, i) => {
    if (!base.includes(item)) origin[childPointer(pointer, i)] = file;
  });
  return out;
};

/**
 * Overlays `patch` on `base` (neither is changed): objects merge key by key; arrays of
 * named items merge by name (or value, or id), keeping the lower order and appending new
 * items; set-valued lists (a role's actions) take the union; anything else is replaced. Null never removes: a layer cannot take away what a
 * lower one defined. Records in `origin` which file wrote what.
 */
export const mergeValues = (base: unknown, patch: unknown, pointer: string, file: string, origin: Origin): unknown => {
  if (patch === null || patch === undefined) return base;
  if (isObj(base) && isObj(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined) continue;
      const p = childPointer(pointer, key);
      if (key in base) out[key] = mergeValues(base[key], value, p, file, origin);
      else {
        out[key] = value;
        origin[p] = file;
      }
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    if (SET_POINTERS.has(pointer) && isStringList(base) && isStringList(patch)) {
      const added = patch.filter((x) => !base.includes(x));
      if (added.length) origin[pointer] = file;
      return [...base, ...added];
    }
    const key = itemKey(base, patch);
    if (key) {
      const out = reorder(base as Record<string, unknown>[], patch as Record<string, unknown>[], key, pointer, file, origin);
      for (const item of patch as Record<string, unknown>[]) {
        const at = out.findIndex((o) => o[key] === item[key]);
        if (at >= 0) out[at] = mergeValues(out[at], item, childPointer(pointer, at), file, origin) as Record<string, unknown>;
        else {
          origin[childPointer(pointer, out.length)] = file;
          out.push(item);
        }
      }
      return out;
    }
  }
  if (isDeepStrictEqual(base, patch)) return base;
  clearBelow(origin, pointer);
  origin[pointer] = file;
  return patch;
};
