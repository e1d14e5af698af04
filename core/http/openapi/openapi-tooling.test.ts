import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { provisionTenant } from '../../provisioning/provision-tenant.js';
import type { RunningServer } from '../server.js';
import { ADMIN_PASSWORD, api, startTestServer } from '../test-server.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = (name: string) => join(REPO, 'node_modules', '.bin', name);
const PROGRAM = fileURLToPath(new URL('./client-check/program.ts.txt', import.meta.url));

/**
 * Outside tools read the document as they would in the field: Redocly lints it, and
 * openapi-typescript types a small openapi-fetch client that tsc compiles strictly. The
 * tenant has every plugin installed (the demo's metadata) so every field type appears.
 */
describe('the OpenAPI document with outside tools', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const dirs: string[] = [];

  /** A fresh tenant with every plugin, its document written to a new temporary folder. */
  const documentOf = async (slug: string): Promise<{ dir: string; file: string; doc: Record<string, any> }> => {
    await provisionTenant({ slug, adminEmail: `admin@${slug}.test`, adminPassword: ADMIN_PASSWORD, plugins: 'all' }, { knex: db.knex });
    const token = (await api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.test`, password: ADMIN_PASSWORD })).body.token;
    const res = await api(url, token)('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'crm-openapi-'));
    dirs.push(dir);
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(res.body));
    return { dir, file, doc: res.body };
  };

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('passes redocly lint with no errors', async () => {
    const { file, doc } = await documentOf('oa_lint');
    expect(doc.paths['/api/records/customer/by/{field}/{value}'].put.operationId).toBe('upsert_customer');
    expect(doc.paths['/api/x/products/stock/{product}'].parameters.map((p: { name: string }) => p.name)).toEqual(['product']);
    // redocly.yaml at the repository root is the configuration (cwd); it exits 1 on errors.
    const out = await run(BIN('redocly'), ['lint', file, '--format=json'], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(out.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // The warnings left are the API's own shape, not the document's (see redocly.yaml).
    const ssoRedirect = (p: (typeof report.problems)[number]) => p.ruleId === 'operation-2xx-response' && /^#\/paths\/~1api~1auth~1oidc~1\{tenant\}~1(start|callback)\//.test(p.location[0]?.pointer ?? '');
    expect(report.problems.filter((p) => !['no-ambiguous-paths', 'operation-4xx-response'].includes(p.ruleId) && !ssoRedirect(p))).toEqual([]);
  });

  it('types a client that compiles with tsc --strict', async () => {
    const { dir, doc } = await documentOf('oa_client');
    const before = await readFile(PROGRAM, 'utf8');
    await writeFile(join(dir, 'schema.d.ts'), astToString(await openapiTS(doc as never)));
    await copyFile(PROGRAM, join(dir, 'program.ts'));
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [], skipLibCheck: true },
      files: ['program.ts'],
    }));
    const out = await run(BIN('tsc'), ['--strict', '--noEmit', '-p', dir], { cwd: dir }).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${out.stdout}${out.stderr}`).toBe('');
    expect(await readFile(PROGRAM, 'utf8')).toBe(before);
  });
});
