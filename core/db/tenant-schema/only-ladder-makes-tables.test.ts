import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../', import.meta.url));

/** Where engine code may make tables: engine migrations, the tenant schema ladder, and schema sync (entity tables from published metadata). */
const ALLOWED = ['db/migrate.ts', 'db/migrations/', 'db/tenant-schema/', 'schema/'];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-support' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });

describe('tables are made ahead of time, never on the request path', () => {
  it('no engine code outside migrations, the tenant schema ladder and schema sync creates a table or an index', () => {
    const offenders = sourceFiles(core)
      .map((path) => relative(core, path).split('\\').join('/'))
      .filter((file) => !ALLOWED.some((a) => file.startsWith(a)))
      .filter((file) => /\bcreate\s+(unique\s+)?(table|index)\b/i.test(readFileSync(join(core, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
