import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntityDocument, FieldDefinition, ReportDocument } from '../api/types.js';
import { designProblems, fromReportDocument, toReportDocument } from './report-design.js';

const root = join(import.meta.dirname, '../../..');
const jsonIn = (dir: string): unknown[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))) : []);
const plugins = readdirSync(join(root, 'plugins')).filter((p) => existsSync(join(root, 'plugins', p, 'plugin.json')));

/** Every shipped entity, each plugin's fields merged over the ones before (as the layers merge them, field by field). */
const entities: Record<string, EntityDocument> = {};
for (const doc of [...jsonIn(join(root, 'metadata/system/entities')), ...plugins.flatMap((p) => jsonIn(join(root, 'plugins', p, 'entities')))] as EntityDocument[]) {
  const base = entities[doc.name];
  const fields: Record<string, FieldDefinition> = { ...(base?.fields ?? {}) };
  for (const [name, f] of Object.entries(doc.fields ?? {})) fields[name] = { ...(fields[name] ?? {}), ...f } as FieldDefinition;
  entities[doc.name] = { ...(base ?? {}), ...doc, fields };
}
const reports = plugins.flatMap((p) => (jsonIn(join(root, 'plugins', p, 'reports')) as ReportDocument[]).map((doc) => ({ plugin: p, doc })));

describe('the reports every plugin ships', () => {
  it('open in the report designer with nothing to fix, and save back to the same query', () => {
    expect(reports.length).toBeGreaterThan(40);
    const refused = reports
      .map(({ plugin, doc }) => ({ report: `${plugin}/${doc.name}`, problems: designProblems(fromReportDocument(doc).design, entities[doc.entity], entities).map((p) => `${p.field}:${p.key}`) }))
      .filter((r) => r.problems.length);
    expect(refused).toEqual([]);
    // Saved from the designer, a report asks the same question under the same keys (what dashboards and charts read).
    const query = (d: ReportDocument) => ({
      groupBy: d.groupBy ?? [],
      measures: d.measures.map((m) => ({ name: m.name, aggregate: m.aggregate, field: m.field, label: m.label })),
      filter: d.filter,
      dimensions: d.dimensions ?? [],
    });
    for (const { doc } of reports) {
      const { design, kept } = fromReportDocument(doc);
      const saved = toReportDocument(design, entities[doc.entity], kept, entities);
      expect({ report: doc.name, ...query(saved) }).toEqual({ report: doc.name, ...query(doc) });
    }
  });
});
