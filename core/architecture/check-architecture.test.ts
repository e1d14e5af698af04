import { describe, expect, it } from 'vitest';
import { checkArchitecture } from './check-architecture.js';
import { findCycles } from './find-cycles.js';
import { readImports } from './read-imports.js';

/** A small repository that keeps every rule: the synthetic cases below each add one breach. */
const clean = [
  { path: 'core/errors.ts', text: 'export class AppError extends Error {}' },
  { path: 'core/index.ts', text: "export { createRecord } from './records/index.js';" },
  { path: 'core/db/connect.ts', text: "import knex from 'knex';\nimport { AppError } from '../errors.js';" },
  { path: 'core/rules/evaluate.ts', text: "import jsonLogic from 'json-logic-js';\nimport type { Rule } from './types.js';" },
  { path: 'core/rules/types.ts', text: 'export type Rule = unknown;' },
  { path: 'core/records/index.ts', text: "import { connect } from '../db/connect.js';\nimport { evaluate } from '../rules/evaluate.js';" },
  { path: 'core/records/records.test.ts', text: "import { serve } from '../http/app.js';" },
  { path: 'core/http/app.ts', text: "import type { Knex } from 'knex';\nimport { type Rule } from '../rules/types.js';\nimport { createRecord } from '../records/index.js';" },
  { path: 'core/http/auth.test.ts', text: "import knex from 'knex';\nconst table = 'crm_system.sessions';" },
  { path: 'core/plugins/testing.ts', text: "export const openTestTenant = () => undefined;" },
  { path: 'studio/src/forms/check.ts', text: "import { evaluate } from '../../../core/rules/evaluate.js';\nimport type { Rule } from '../../../core/rules/types.js';" },
  { path: 'plugins/shop/server/index.ts', text: "import { definePlugin } from '../../../core/index.js';\nimport { stock } from './stock.js';\nimport { readFileSync } from 'node:fs';" },
  { path: 'plugins/shop/server/stock.ts', text: 'export const stock = 1;' },
  { path: 'plugins/shop/server/index.test.ts', text: "import { openTestTenant } from '../../../core/plugins/testing.js';" },
];

const withFile = (path: string, text: string) => [...clean.filter((f) => f.path !== path), { path, text }];

describe('the architecture checker', () => {
  it('finds nothing wrong in a repository that keeps the rules', () => {
    expect(checkArchitecture(clean)).toEqual([]);
  });

  it('reports a door that imports a knex value or names crm_system', () => {
    const files = [
      ...clean,
      { path: 'core/cli/commands/migrate.ts', text: "import knex from 'knex';\nawait db('crm_system.migrations').select();" },
      { path: 'core/http/routes/users.ts', text: "import { type Knex, raw } from 'knex';" },
    ];
    expect(checkArchitecture(files).map((v) => [v.rule, v.file])).toEqual([
      ['thin-doors', 'core/cli/commands/migrate.ts'],
      ['thin-doors', 'core/cli/commands/migrate.ts'],
      ['thin-doors', 'core/http/routes/users.ts'],
    ]);
  });

  it('reports a studio import of a core module outside the shared list', () => {
    const files = withFile('studio/src/forms/check.ts', "import { evaluate } from '../../../core/rules/evaluate.js';\nimport { createRecord } from '../../../core/records/index.js';");
    expect(checkArchitecture(files)).toEqual([
      { rule: 'studio-imports', file: 'studio/src/forms/check.ts', detail: expect.stringContaining('core/records/index.ts') },
    ]);
  });

  it('reports a shared module that imports Node or core outside the shared list', () => {
    const files = withFile('core/rules/evaluate.ts', "import { readFileSync } from 'node:fs';\nimport { createHash } from 'crypto';\nimport { connect } from '../db/connect.js';");
    expect(checkArchitecture(files).map((v) => [v.rule, v.detail.split(',')[0]])).toEqual([
      ['browser-safe', 'imports node:fs from Node'],
      ['browser-safe', 'imports crypto from Node'],
      ['browser-safe', 'imports core/db/connect.ts'],
      ['core-layers', 'rules imports db'],
    ]);
  });

  it('reports core folders that import each other, but not through test scaffolding', () => {
    const files = withFile('core/db/connect.ts', "import knex from 'knex';\nimport type { Rule } from '../records/index.js';");
    const found = checkArchitecture(files);
    expect(found.map((v) => [v.rule, v.file])).toEqual([
      ['core-layers', 'core/{db,records}'],
      ['core-layers', 'core/db/connect.ts'],
    ]);
    expect(found[0].detail).toContain('db → records (core/db/connect.ts → core/records/index.ts)');
    expect(found[0].detail).toContain('records → db (core/records/index.ts → core/db/connect.ts)');
    // records.test.ts imports http, and http imports records: a test is no edge.
    expect(found[0].detail).not.toContain('http');
  });

  it('reports an import up the layer order, and a core folder the order does not place', () => {
    const files = [
      ...clean,
      { path: 'core/reports/index.ts', text: 'export const report = 1;' },
      { path: 'core/records/totals.ts', text: "import { report } from '../reports/index.js';" },
      { path: 'core/gadgets/index.ts', text: "import { AppError } from '../errors.js';" },
    ];
    expect(checkArchitecture(files).map((v) => [v.rule, v.detail.split(' (')[0]])).toEqual([
      ['core-layers', 'core/gadgets has no place in the layer order'],
      ['core-layers', 'records imports reports, which is not below it in the layer order'],
    ]);
    expect(checkArchitecture(files, [['errors.ts', 'rules'], ['db'], ['reports'], ['records'], ['gadgets', 'plugins'], ['http', 'index.ts']])).toEqual([]);
  });

  it('reports a plugin that imports core past its entry, or another plugin', () => {
    const files = [
      ...clean,
      { path: 'plugins/shop/server/deep.ts', text: "import { createRecord } from '../../../core/records/index.js';\nexport { x } from '../../crm/server/x.js';\nconst kit = () => import('../../../core/plugins/testing.js');" },
    ];
    expect(checkArchitecture(files).map((v) => [v.rule, v.detail.split(':')[0]])).toEqual([
      ['plugin-boundary', 'imports ../../../core/records/index.js'],
      ['plugin-boundary', 'imports ../../crm/server/x.js'],
      ['plugin-boundary', 'imports ../../../core/plugins/testing.js'],
    ]);
  });
});

describe('findCycles', () => {
  it('finds each cycle once, longer ones and self-loops included', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set(['e'])],
      ['e', new Set(['e'])],
      ['f', new Set(['a'])],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });
});

describe('readImports', () => {
  it('reads every kind of import, and which are erased at build time', () => {
    const source = [
      "import a from 'a';",
      'import type { B } from "b";',
      "export * from './c.js';",
      "import 'd';",
      "await import('e');",
      "import { type F, type G } from 'f';",
      "import { type H, h } from 'h';",
      "export type { I } from './i.js';",
      'import {\n  j,\n  k,\n} from "j";',
      "/** import z from 'not-an-import'; */",
      "// import y from 'nor-this';",
    ].join('\n');
    expect(readImports(source)).toEqual([
      { specifier: 'a', typeOnly: false },
      { specifier: 'b', typeOnly: true },
      { specifier: './c.js', typeOnly: false },
      { specifier: 'd', typeOnly: false },
      { specifier: 'e', typeOnly: false },
      { specifier: 'f', typeOnly: true },
      { specifier: 'h', typeOnly: false },
      { specifier: './i.js', typeOnly: true },
      { specifier: 'j', typeOnly: false },
    ]);
  });
});
