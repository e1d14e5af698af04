import JSZip from 'jszip';
import type { MetadataDocument, PluginManifest } from '../../metadata/types.js';
import type { DemoRecords } from '../../metadata/plugin-catalogue/uploaded-plugins.js';
import { KIND_FOLDERS } from '../../metadata/load-documents.js';

const FOLDER_OF = Object.fromEntries(Object.entries(KIND_FOLDERS).map(([folder, kind]) => [kind, folder])) as Record<string, string>;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A plugin package as a .zip, laid out exactly as a plugin folder under plugins/:
 * `<name>/plugin.json`, `<name>/<kind folder>/<doc>.json` (each with its `$schema`, as the
 * shipped plugins have them) and `<name>/demo/<entity>.json` for demo records. Entries are
 * written in a fixed order with a fixed date, so the same module gives the same bytes.
 */
export const writePluginArchive = async (pkg: { manifest: PluginManifest; documents: MetadataDocument[]; demo: DemoRecords }): Promise<Buffer> => {
  const zip = new JSZip();
  const date = new Date('2000-01-01T00:00:00Z');
  const root = pkg.manifest.name;
  const add = (path: string, value: unknown) => zip.file(`${root}/${path}`, json(value), { date, unixPermissions: 0o100644 });
  add('plugin.json', { $schema: '../../metadata/schemas/plugin.schema.json', ...pkg.manifest });
  for (const doc of [...pkg.documents].sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`))) {
    add(`${FOLDER_OF[doc.kind]}/${doc.name}.json`, { $schema: `../../../metadata/schemas/${doc.kind.replace(/_/g, '-')}.schema.json`, ...doc });
  }
  for (const entity of Object.keys(pkg.demo).sort()) add(`demo/${entity}.json`, pkg.demo[entity]);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
};
