import { describe, expect, it } from 'vitest';
import { dealStage } from '../testing/fixtures.js';
import { dictionaryDocument, itemProblems, itemsToRows, rowsToItems } from './dictionary-items.js';

describe('dictionary items', () => {
  it('reads items in order and writes them numbered as shown, keeping retired ones', () => {
    const rows = itemsToRows([...dealStage.items].reverse());
    expect(rows.map((r) => r.value)).toEqual(['new', 'won', 'lost', 'old']);
    expect(rows[3]).toMatchObject({ active: false, stored: true });
    const moved = [rows[2], rows[0], rows[1], rows[3]];
    expect(rowsToItems(moved)).toEqual([
      { value: 'lost', label: { en: 'Lost', 'zh-CN': '丢单' }, order: 1 },
      { value: 'new', label: { en: 'New', 'zh-CN': '新建' }, order: 2 },
      { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' }, order: 3 },
      { value: 'old', label: { en: 'Old', 'zh-CN': '旧' }, order: 4, active: false },
    ]);
  });

  it('flags missing values, repeats and missing labels by row', () => {
    const row = (value: string, en = 'X', zh = '叉') => ({ value, en, zh, color: '', active: true, stored: false, inherited: false });
    expect(itemProblems([row('a'), row(''), row('a'), row('b', 'B', '')])).toEqual({
      1: { key: 'problems.itemValue' },
      2: { key: 'problems.repeatedOption', params: { value: 'a' } },
      3: { key: 'problems.labelBoth' },
    });
  });

  it('makes the document the studio stores', () => {
    const doc = dictionaryDocument('region', { en: 'Region', zh: '区域' }, [{ value: 'east', en: 'East', zh: '华东', color: '#409eff', active: true, stored: false, inherited: false }]);
    expect(doc).toEqual({ kind: 'dictionary', name: 'region', label: { en: 'Region', 'zh-CN': '区域' }, items: [{ value: 'east', label: { en: 'East', 'zh-CN': '华东' }, order: 1, color: '#409eff' }] });
  });
});
