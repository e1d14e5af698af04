import JSZip from 'jszip';
import { problem } from '../../errors.js';
import { KIND_FOLDERS } from '../../metadata/load-documents.js';
import type { MetadataProblem } from '../../metadata/problem.js';
import { validateManifest } from '../../metadata/validate-document.js';
import type { MetadataDocument, PluginManifest } from '../../metadata/types.js';
import type { DemoRecords } from '../../metadata/plugin-catalogue/uploaded-plugins.js';
import { PLUGIN_ARCHIVE_LIMITS, megabytes } from './archive-limits.js';

/** A plugin package read from an archive: nothing checked against a tenant yet. */
export interface PluginPackage {
  manifest: PluginManifest;
  documents: MetadataDocument[];
  demo: DemoRecords;
  /** Where each document came from in the archive, by `<kind>/<name>` (for problems). */
  files: Record<string, string>;
}

/** File endings of program code: an upload carries metadata and data, never code the server would run or serve. */
const CODE = /\.(m?[jt]sx?|c[jt]s|vue|node|wasm|sh|py|rb|php|pl|exe|dll|so|dylib|bat|cmd|ps1|jar|class|html?)$/i;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The path as written in the archive, refused when it could land outside the package. */
const safePath = (entry: JSZip.JSZipObject): string => {
  const raw = (entry.unsafeOriginalName ?? entry.name).replace(/\\/g, '/');
  const parts = raw.split('/');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || parts.some((p) => p === '..') || raw.includes('\0')) throw problem('PLUGIN_ARCHIVE_UNSAFE_PATH', { path: raw });
  const mode = typeof entry.unixPermissions === 'number' ? entry.unixPermissions & S_IFMT : 0;
  // A link (S_IFLNK) or any other special file could point anywhere: only plain files and folders.
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw problem('PLUGIN_ARCHIVE_UNSAFE_PATH', { path: raw });
  return parts.filter((p) => p !== '' && p !== '.').join('/');
};

/** Unpacks one file, counting bytes as they come: the unpacked total is refused at the limit, whatever the headers claim. */
const unpack = (entry: JSZip.JSZipObject, budget: { left: number }): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (c: Buffer) => {
      budget.left -= c.length;
      if (budget.left < 0) {
        (stream as unknown as { pause(): void }).pause();
        reject(problem('PLUGIN_ARCHIVE_UNPACKED_TOO_LARGE', { limit: megabytes(PLUGIN_ARCHIVE_LIMITS.unpackedBytes) }));
        return;
      }
      chunks.push(c);
    });
    stream.on('error', () => reject(problem('PLUGIN_ARCHIVE_NOT_ZIP')));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });

const parseJson = (text: string, file: string, problems: MetadataProblem[]): unknown => {
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push({ file, pointer: '', message: `is not valid JSON (${(e as Error).message})` });
    return undefined;
  }
};

/** The single folder every entry sits in (an archive made by zipping the plugin's folder), or '' when files sit at the top. */
const commonFolder = (paths: string[]): string => {
  if (paths.includes('plugin.json')) return '';
  const tops = new Set(paths.map((p) => p.split('/')[0]));
  return tops.size === 1 ? `${[...tops][0]}/` : '';
};

/**
 * Reads a plugin package (.zip) laid out as a plugin folder under plugins/: plugin.json,
 * the metadata folders (entities/ forms/ views/ …, one `<name>.json` per document) and
 * optional demo/<entity>.json (an array of records). Refuses, before anything is written
 * anywhere, an archive too large packed or unpacked or with too many files, a path that
 * could land outside the package (.., absolute, links), program code, a file with no place
 * in a plugin, and a manifest or document that fails its schema (every problem listed).
 */
export const readPluginArchive = async (archive: Buffer): Promise<PluginPackage> => {
  if (archive.length > PLUGIN_ARCHIVE_LIMITS.compressedBytes) throw problem('PLUGIN_ARCHIVE_TOO_LARGE', { limit: megabytes(PLUGIN_ARCHIVE_LIMITS.compressedBytes) });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(archive, { checkCRC32: true });
  } catch {
    throw problem('PLUGIN_ARCHIVE_NOT_ZIP');
  }
  const entries = Object.values(zip.files);
  if (entries.length > PLUGIN_ARCHIVE_LIMITS.entries) throw problem('PLUGIN_ARCHIVE_TOO_MANY_FILES', { count: entries.length, limit: PLUGIN_ARCHIVE_LIMITS.entries });
  const located = entries.map((entry) => ({ entry, path: safePath(entry) }));
  const files = located.filter((l) => !l.entry.dir && l.path !== '');
  for (const { path } of files) if (CODE.test(path)) throw problem('PLUGIN_ARCHIVE_CODE', { path });
  const prefix = commonFolder(files.map((f) => f.path));
  const placed = files.map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
  for (const { path } of placed) {
    const [folder, file, ...rest] = path.split('/');
    const fits = path === 'plugin.json' || (rest.length === 0 && file?.endsWith('.json') && (folder in KIND_FOLDERS || folder === 'demo'));
    if (!fits && !/^(README|LICENSE|CHANGELOG)(\.md|\.txt)?$/i.test(path)) throw problem('PLUGIN_ARCHIVE_UNKNOWN_FILE', { path: prefix + path });
  }
  if (!placed.some((f) => f.path === 'plugin.json')) throw problem('PLUGIN_ARCHIVE_NOT_ZIP');

  const budget = { left: PLUGIN_ARCHIVE_LIMITS.unpackedBytes };
  const problems: MetadataProblem[] = [];
  let manifest: unknown;
  const documents: MetadataDocument[] = [];
  const where: Record<string, string> = {};
  const demo: DemoRecords = {};
  for (const { entry, path } of placed.sort((a, b) => a.path.localeCompare(b.path))) {
    const text = (await unpack(entry, budget)).toString('utf8');
    if (!path.endsWith('.json')) continue;
    const value = parseJson(text, path, problems);
    if (value === undefined) continue;
    const [folder, file] = path.split('/');
    if (path === 'plugin.json') {
      manifest = value;
      problems.push(...validateManifest(value, path));
    } else if (folder === 'demo') {
      const entity = file.slice(0, -'.json'.length);
      if (!Array.isArray(value) || !value.every(isObj)) problems.push({ file: path, pointer: '', message: 'must be an array of records (JSON objects)' });
      else demo[entity] = value as Record<string, unknown>[];
    } else {
      const kind = KIND_FOLDERS[folder];
      const name = file.slice(0, -'.json'.length);
      if (!isObj(value)) problems.push({ file: path, pointer: '', message: 'must be a JSON object' });
      else if (value.kind !== kind) problems.push({ file: path, pointer: '/kind', message: `must be "${kind}" for a document in this folder` });
      else if (value.name !== name) problems.push({ file: path, pointer: '/name', message: 'must be the file name without .json' });
      else {
        documents.push(value as MetadataDocument);
        where[`${kind}/${name}`] = path;
      }
    }
  }
  if (problems.length) throw invalidPackage(problems);
  return { manifest: manifest as PluginManifest, documents, demo, files: where };
};

/** Refuses a package with every metadata problem it has, each as {field: file and pointer, message}. */
export const invalidPackage = (problems: MetadataProblem[]) =>
  problem('PLUGIN_ARCHIVE_INVALID', { count: problems.length }, { errors: problems.map((p) => ({ field: `${p.file}${p.pointer ? `#${p.pointer}` : ''}`, message: p.message })) });
