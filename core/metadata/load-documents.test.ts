import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerOf, loadDocumentsFromDir } from './load-documents.js';
import { loadPluginFolder } from './load-plugin-folder.js';
import { label } from './test-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'crm-meta-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, content: unknown): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
};

describe('loadDocumentsFromDir', () => {
  it('reads one document per file from the kind folders, and reports files it cannot use', () => {
    write('p/entities/customer.json', { kind: 'entity', name: 'customer', fields: {} });
    write('p/dictionaries/grade.json', { kind: 'dictionary', name: 'grade', items: [] });
    write('p/views/broken.json', '{ nope');
    write('p/forms/wrong.json', { kind: 'view', name: 'wrong' });
    write('p/roles/renamed.json', { kind: 'role', name: 'other', label: label('R', '角') });
    write('p/entities/notes.txt', 'ignored');
    const { documents, problems } = loadDocumentsFromDir(join(root, 'p'));
    expect(documents.map((d) => `${d.doc.kind}/${d.doc.name}`)).toEqual(['entity/customer', 'role/other', 'dictionary/grade']);
    expect(documents[0].file).toBe(join(root, 'p/entities/customer.json'));
    expect(problems.map((p) => [p.file.slice(root.length), p.pointer, p.message.split(' (')[0]])).toEqual([
      ['/p/forms/wrong.json', '/kind', 'must be "form" for a document in this folder'],
      ['/p/views/broken.json', '', 'is not valid JSON'],
      ['/p/roles/renamed.json', '/name', 'must be the file name without .json'],
    ]);
    expect(layerOf('plugin:p', documents).files?.['entity/customer']).toBe(join(root, 'p/entities/customer.json'));
  });

  it('reads a plugin folder with its manifest', () => {
    write('plugins/sales/plugin.json', { name: 'sales', version: '1.0.0', label: label('Sales', '销售') });
    write('plugins/sales/entities/lead.json', { kind: 'entity', name: 'lead', fields: {} });
    const folder = loadPluginFolder(join(root, 'plugins/sales'));
    expect(folder.problems).toEqual([]);
    expect(folder.manifest?.version).toBe('1.0.0');
    expect(folder.documents).toHaveLength(1);
    write('plugins/misnamed/plugin.json', { name: 'other', version: '1', label: label('X', '十') });
    expect(loadPluginFolder(join(root, 'plugins/misnamed')).problems.map((p) => p.pointer)).toEqual(['/version', '/name']);
    expect(loadPluginFolder(join(root, 'plugins/none')).problems).toEqual([{ file: join(root, 'plugins/none/plugin.json'), pointer: '', message: 'is missing' }]);
  });
});
