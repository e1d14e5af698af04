import { invalidInput } from '../errors.js';
import { validateDocument } from '../metadata/index.js';
import type { ReportDocument } from '../metadata/types.js';
import type { RecordContext } from '../records/types.js';
import { runReportDocument, type ReportAnswer } from './run-report.js';

const PREVIEW_ROWS = 200;

/**
 * Runs a report document that is not published yet (the studio's designer): checked
 * against the report schema first (400 naming each failing property), then run exactly
 * as a published report — one aggregate under the actor's read scope — at most 200 rows.
 */
export const previewReport = async (doc: unknown, ctx: RecordContext): Promise<ReportAnswer> => {
  const problems = validateDocument(doc);
  if (problems.length) {
    throw invalidInput('The report document is not valid', problems.map((p) => ({ field: `report${p.pointer}`, message: p.message })));
  }
  const report = doc as ReportDocument;
  if (report.kind !== 'report') throw invalidInput('Only a report can be previewed', [{ field: 'report.kind', message: 'must be "report"' }]);
  if (!ctx.meta.entities[report.entity]) throw invalidInput(`There is no entity "${report.entity}"`, [{ field: 'report.entity', message: 'unknown entity' }]);
  return runReportDocument({ ...report, limit: Math.min(report.limit ?? PREVIEW_ROWS, PREVIEW_ROWS) }, {}, ctx);
};
