import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMetadataCheck } from './metadata-check.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'crm-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, content: unknown): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), JSON.stringify(content));
};
const label = (en: string) => ({ en, 'zh-CN': en });

describe('metadata:check', () => {
  it('passes the repository tree (metadata/system and every plugin)', () => {
    const { problems, summary } = runMetadataCheck(repo);
    expect(problems).toEqual([]);
    expect(summary).toMatch(/^metadata ok: \d+ documents/);
  });

  it('fails a broken tree, naming file and JSON pointer of every problem', () => {
    write('metadata/system/entities/team.json', { kind: 'entity', name: 'team', fields: { name: { type: 'text' } } });
    write('plugins/base/plugin.json', { name: 'base', version: '1.0.0', label: label('Base') });
    write('plugins/base/entities/customer.json', { kind: 'entity', name: 'customer', fields: { name: { type: 'text' } } });
    write('plugins/sales/plugin.json', { name: 'sales', version: '1.0.0', label: label('Sales'), requires: { base: '^2.0.0' } });
    write('plugins/sales/entities/deal.json', {
      kind: 'entity',
      name: 'deal',
      fields: { customer: { type: 'reference', entity: 'customer' }, owner: { type: 'reference', entity: 'person' }, size: { type: 'integer', maxLength: 3 } },
    });
    write('plugins/sales/entities/customer.json', { kind: 'entity', name: 'customer', fields: { name: { type: 'integer' }, tier: { type: 'text' } } });
    write('plugins/lonely/plugin.json', { name: 'lonely', version: '1.0.0', label: label('Lonely') });
    write('plugins/lonely/views/deals.json', { kind: 'view', name: 'deals', label: label('Deals'), entity: 'deal', columns: ['size'] });
    const { problems } = runMetadataCheck(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'plugins/sales/plugin.json', pointer: '/requires/base', message: '"base" is at version 1.0.0, outside ^2.0.0' },
        { file: 'plugins/sales/entities/deal.json', pointer: '/fields/owner/entity', message: 'entity "person" does not exist' },
        { file: 'plugins/sales/entities/deal.json', pointer: '/fields/size/maxLength', message: 'is not an allowed property for type "integer"' },
        {
          file: 'plugins/sales/entities/customer.json',
          pointer: '/fields/name/type',
          message: 'cannot change the type of "name" from text to integer: the field belongs to plugin:base',
        },
        // lonely does not require sales, so sales' deal is not there for it
        { file: 'plugins/lonely/views/deals.json', pointer: '/entity', message: 'entity "deal" does not exist' },
      ]),
    );
    expect(problems.filter((p) => p.file.includes('customer.json') && p.pointer === '/fields/tier')).toEqual([]);
  });

  it('prints `file pointer: message` and exits 1 on a problem', () => {
    const run = (): string => execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'core/cli/metadata-check.ts'), root], { encoding: 'utf8', stdio: 'pipe' });
    const err = (() => {
      try {
        run();
        return undefined;
      } catch (e) {
        return e as { status: number; stdout: string };
      }
    })();
    expect(err?.status).toBe(1);
    expect(err?.stdout).toContain('plugins/sales/entities/deal.json /fields/owner/entity: entity "person" does not exist');
  });
});
