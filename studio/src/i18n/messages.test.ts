import { describe, expect, it } from 'vitest';
import core from './en.js';
import { features, messages } from './messages.js';

const en = messages.en;
const zhCN = messages['zh-CN'];

const leaves = (o: object, prefix = ''): [string, unknown][] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));

describe('UI strings', () => {
  it('has every string in English and in Chinese, none empty', () => {
    const a = leaves(en);
    const b = leaves(zhCN);
    expect(b.map(([k]) => k)).toEqual(a.map(([k]) => k));
    for (const [k, v] of [...a, ...b]) expect(typeof v === 'string' && v.trim() !== '', k).toBe(true);
  });

  it('uses the same placeholders in both languages', () => {
    const params = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh = new Map(leaves(zhCN));
    for (const [k, v] of leaves(en)) expect(params(zh.get(k)), k).toEqual(params(v));
  });

  it('gives every feature file top-level keys of its own, so none overrides another', () => {
    const seen = new Set(Object.keys(core));
    for (const f of features) {
      expect(Object.keys(f['zh-CN'])).toEqual(Object.keys(f.en));
      for (const key of Object.keys(f.en)) {
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });
});
