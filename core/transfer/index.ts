/**
 * CSV and Excel (.xlsx) import and export over the record service: streaming both ways,
 * references by natural key, upsert by a unique field, dry runs, all-or-nothing imports,
 * error files.
 */
export { exportCsv, type ExportQuery } from './export-csv.js';
export { exportXlsx } from './export-xlsx.js';
export { importCsv, BATCH_ROWS } from './import-csv.js';
export { importTable } from './import-table.js';
export { XLSX_TYPE, type TableFormat } from './table-format.js';
export { errorCsv, type ErrorCsv } from './error-csv.js';
export { errorText, type FailedRow, type ImportOptions, type ImportReport, type RowError } from './import-report.js';
export { limitBytes, MAX_IMPORT_BYTES } from './limit-bytes.js';
export { naturalKeyOf, keyCandidates } from './natural-key.js';

