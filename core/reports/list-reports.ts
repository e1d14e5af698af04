import type { ReportDocument } from '../metadata/types.js';
import { accessOf } from '../records/access.js';
import type { RecordContext } from '../records/types.js';

/** The reports over entities the actor may read, with their labels and charts. */
export const listReports = (ctx: RecordContext): Pick<ReportDocument, 'name' | 'label' | 'description' | 'entity' | 'chart' | 'dimensions'>[] =>
  Object.values(ctx.meta.documents.report ?? {})
    .map((d) => d as unknown as ReportDocument)
    .filter((r) => {
      const entity = ctx.meta.entities[r.entity];
      if (!entity) return false;
      const { rights } = accessOf(entity, ctx);
      return rights.unrestricted || rights.scopes.read.length > 0;
    })
    .map(({ name, label, description, entity, chart, dimensions }) => ({ name, label, description, entity, chart, ...(dimensions && { dimensions }) }))
    .sort((a, b) => a.name.localeCompare(b.name));
