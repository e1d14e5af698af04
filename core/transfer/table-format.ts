import { AppError, problem, type TextParams } from '../errors.js';

/** The formats an import reads. */
export type TableFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes that tell the formats apart: a zip (.xlsx), or the compound file of an old .xls. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const SIGNATURE_BYTES = OLE.length;

const refuse = (code: 'UNSUPPORTED_XLS' | 'INVALID_XLSX', params: TextParams = {}): AppError => {
  const e = problem(code, params);
  return problem(code, params, { errors: [{ field: '', message: e.message, code }] });
};

/**
 * The format of an imported file by its first bytes: a zip is an .xlsx workbook, anything
 * else is CSV text, unless the sender declared a workbook. An old binary .xls is refused
 * with a hint, since only .xlsx is read.
 */
export const tableFormat = (head: Buffer, declared?: TableFormat): TableFormat => {
  if (head.subarray(0, OLE.length).equals(OLE)) throw refuse('UNSUPPORTED_XLS');
  if (head.subarray(0, ZIP.length).equals(ZIP)) return 'xlsx';
  if (declared === 'xlsx') throw refuse('INVALID_XLSX', { reason: 'it is not a zip archive' });
  return 'csv';
};
