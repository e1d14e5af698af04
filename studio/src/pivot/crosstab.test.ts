import { describe, expect, it } from 'vitest';
import { crosstab, stepLevel } from './crosstab.js';
import type { PivotAnswer } from './pivot-api.js';

const l = (s: string) => ({ en: s, 'zh-CN': s });

describe('crosstab', () => {
  it('lays subtotals out after their members and takes the column order from the total line', () => {
    const p: PivotAnswer = {
      report: 'r', label: l('r'), entity: 'e', dimensions: [], valueLabels: {}, truncated: false,
      measures: [{ key: 'sales', label: l('Sales') }],
      rows: [{ key: 'time.year', label: l('Year') }],
      columns: [{ key: 'region.region', label: l('Region') }],
      cells: [
        { row: ['2024'], col: ['south'], values: { sales: 50 } },
        { row: ['2024'], col: [], values: { sales: 50 } },
        { row: ['2025'], col: ['north'], values: { sales: 20 } },
        { row: ['2025'], col: [], values: { sales: 20 } },
        { row: [], col: ['north'], values: { sales: 20 } },
        { row: [], col: ['south'], values: { sales: 50 } },
        { row: [], col: [], values: { sales: 70 } },
      ],
    };
    const x = crosstab(p);
    expect(x.columns).toEqual([['north'], ['south'], []]);
    expect(x.lines.map((line) => [line.row, line.subtotal, line.values])).toEqual([
      [['2024'], false, [null, 50, 50]],
      [['2025'], false, [20, null, 20]],
      [[], true, [20, 50, 70]],
    ]);
  });

  it('steps a dimension down and up its levels', () => {
    const levels = ['year', 'quarter', 'month'];
    expect(stepLevel('time', levels, 1)).toBe('time:quarter');
    expect(stepLevel('time:quarter', levels, -1)).toBe('time:year');
    expect(stepLevel('time:month', levels, 1)).toBeUndefined();
    expect(stepLevel('time:year', levels, -1)).toBeUndefined();
  });
});
