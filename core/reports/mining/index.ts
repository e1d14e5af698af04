/**
 * Data mining over streamed rows, with no idea what the rows are: association rules by
 * FP-growth, sequence patterns, RFM scores and classes, and runs of a sorted stream.
 */
export { associationRules, type AssociationOptions, type AssociationResult, type AssociationRule } from './association-rules.js';
export { sequencePatterns, type SequenceOptions, type SequencePattern, type SequenceResult } from './sequence-patterns.js';
export { rfmScores, type RfmClass, type RfmInput, type RfmScore } from './rfm.js';
export { groupRuns } from './group-runs.js';
export { streamRecords } from './stream-records.js';
