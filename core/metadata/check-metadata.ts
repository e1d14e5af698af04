import type { MetadataDocument, MetadataKind } from './types.js';
import { createCheckContext, type CheckContext, type FileOf } from './check-context.js';
import { checkDictionary, checkEntity } from './check-entities.js';
import { checkForm } from './check-forms.js';
import { checkView } from './check-views.js';
import { checkLifecycle } from './check-lifecycles.js';
import { checkWorkflow } from './check-workflows.js';
import { checkRole } from './check-roles.js';
import { checkDashboard, checkReport } from './check-reports.js';
import { checkEmailTemplate } from './check-email-templates.js';
import { checkHomeTile } from './check-home-tiles.js';
import type { MetadataProblem } from './problem.js';

const CHECKS: Record<MetadataKind, (ctx: CheckContext, doc: MetadataDocument) => void> = {
  entity: checkEntity,
  dictionary: checkDictionary,
  form: checkForm,
  view: checkView,
  lifecycle: checkLifecycle,
  workflow: checkWorkflow,
  role: checkRole,
  report: checkReport,
  dashboard: checkDashboard,
  email_template: checkEmailTemplate,
  home_tile: checkHomeTile,
};

export interface CheckOptions {
  /** Which file a problem at a pointer of a document comes from; default `<kind>/<name>`. */
  fileOf?: FileOf;
}

/**
 * The semantic pass over a whole set of documents (normally the effective, merged
 * metadata): references resolve, names are usable as SQL identifiers, rules name real
 * fields and compile to SQL where they must. Returns every problem found.
 */
export const checkMetadata = (documents: MetadataDocument[], options: CheckOptions = {}): MetadataProblem[] => {
  const ctx = createCheckContext(documents, options.fileOf ?? ((kind, name) => `${kind}/${name}`));
  for (const [kind, docs] of Object.entries(ctx.docs) as [MetadataKind, Map<string, MetadataDocument>][]) {
    for (const doc of docs.values()) CHECKS[kind](ctx, doc);
  }
  return ctx.problems;
};
