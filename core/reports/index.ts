/** Reports from metadata: one aggregate query each, under the actor's permissions, with drill-down. */
export { listReports } from './list-reports.js';
export { aggregateRecords, runReport, type AggregateQuery, type ReportAnswer, type ReportInput } from './run-report.js';
