import type { CellValue } from 'exceljs';

const MIDNIGHT = /T00:00:00\.000Z$/;

/**
 * A worksheet cell as the text an import reads, the same text a CSV cell would hold:
 * numbers as plain numbers, booleans as true/false, dates as `2024-02-29` (a date and
 * time as ISO 8601 in UTC, Excel's times having no zone), rich text as its text, a
 * formula as its result, a hyperlink as its text and an error value (#N/A) as written.
 */
export const xlsxCellText = (value: CellValue | undefined): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return MIDNIGHT.test(iso) ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? xlsxCellText(value.result as CellValue) : '';
  if ('hyperlink' in value) return xlsxCellText(value.text as CellValue);
  return '';
};
