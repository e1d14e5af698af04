import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, pluginImportViolations } from './plugin-imports.js';
import { BUNDLED_PLUGINS_DIR } from '../metadata/plugin-catalogue/plugins-dir.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('the plugin boundary', () => {
  it('plugins/ imports nothing of core but core/index.ts (tests: also the plugin test kit)', () => {
    expect(pluginImportViolations(BUNDLED_PLUGINS_DIR, REPO)).toEqual([]);
  });

  it('catches deep imports into core and imports of other plugins', () => {
    const repo = mkdtempSync(join(tmpdir(), 'crm-arch-'));
    const server = join(repo, 'plugins', 'shop', 'server');
    mkdirSync(server, { recursive: true });
    writeFileSync(
      join(server, 'index.ts'),
      [
        "import { definePlugin } from '../../../core/index.js';",
        "import { createRecord } from '../../../core/records/index.js';",
        "export { stockKey } from '../../products/server/stock-moves.js';",
        "import './local.js';",
        "const lazy = () => import('../../../core/db/tenant.js');",
        "import { readFileSync } from 'node:fs';",
      ].join('\n'),
    );
    writeFileSync(join(server, 'index.test.ts'), "import { openTestTenant } from '../../../core/plugins/testing.js';\n");
    expect(pluginImportViolations(join(repo, 'plugins'), repo).map((v) => v.specifier)).toEqual([
      '../../../core/records/index.js',
      '../../products/server/stock-moves.js',
      '../../../core/db/tenant.js',
    ]);
  });

  it('reads every kind of import', () => {
    expect(importSpecifiers("import a from 'a';\nimport type { B } from \"b\";\nexport * from './c.js';\nimport 'd';\nawait import('e');")).toEqual(['a', 'b', './c.js', 'd', 'e']);
  });
});
