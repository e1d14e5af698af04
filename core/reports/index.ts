/** Reports from metadata: one aggregate query each, under the actor's permissions, with drill-down; pivots over their dimensions. */
export { listReports } from './list-reports.js';
export { runPivot, pivotOptions, type PivotAnswer, type PivotInput, type UserNames } from './pivot.js';
export { pivotWorkbook } from './pivot-xlsx.js';
export { aggregateRecords, runReport, type AggregateQuery, type ReportAnswer, type ReportInput } from './run-report.js';
export { associationRules, sequencePatterns, rfmScores, groupRuns, streamRecords, type AssociationRule, type AssociationResult, type SequencePattern, type SequenceResult, type RfmInput, type RfmScore, type RfmClass } from './mining/index.js';
export { previewReport } from './preview-report.js';
