import { describe, expect, it } from 'vitest';
import { tableFormat } from './table-format.js';
import { xlsxCellText } from './xlsx-cell-text.js';

describe('worksheet cells as import text', () => {
  it('reads each kind of cell as the text a CSV cell would hold', () => {
    expect(xlsxCellText(null)).toBe('');
    expect(xlsxCellText(undefined)).toBe('');
    expect(xlsxCellText('  上海  ')).toBe('  上海  ');
    expect(xlsxCellText(1234.5)).toBe('1234.5');
    expect(xlsxCellText(true)).toBe('true');
    expect(xlsxCellText(new Date('2024-02-29T00:00:00.000Z'))).toBe('2024-02-29');
    expect(xlsxCellText(new Date('2024-05-01T10:00:00.123Z'))).toBe('2024-05-01T10:00:00.123Z');
    expect(xlsxCellText({ richText: [{ text: 'Acme ' }, { text: 'Ltd' }] })).toBe('Acme Ltd');
    expect(xlsxCellText({ formula: 'A1*2', result: 8 })).toBe('8');
    expect(xlsxCellText({ formula: 'A1*2' })).toBe('');
    expect(xlsxCellText({ text: 'site', hyperlink: 'https://x.test' })).toBe('site');
    expect(xlsxCellText({ error: '#N/A' })).toBe('#N/A');
  });
});

describe('telling CSV and workbooks apart', () => {
  it('goes by the first bytes, refusing an old .xls and a declared workbook that is not one', () => {
    expect(tableFormat(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(tableFormat(Buffer.from('PK\x03\x04rest'), 'csv')).toBe('xlsx');
    expect(tableFormat(Buffer.from('name,code\n'))).toBe('csv');
    expect(tableFormat(Buffer.alloc(0))).toBe('csv');
    expect(() => tableFormat(Buffer.from('name\n'), 'xlsx')).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_XLSX' }));
    expect(() => tableFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_XLS' }));
  });
});
