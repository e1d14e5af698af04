import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './index.js';

const repoFile = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The variables of the README's configuration table (rows whose first cell is a `NAME`). */
const readmeVariables = (): string[] => {
  const section = repoFile('README.md').split('## Configuration')[1].split('\n## ')[0];
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
};

/** The variables of .env.example, commented out or not. */
const exampleVariables = (): string[] => [...repoFile('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);

describe('configuration', () => {
  it('the README table, .env.example and the schema list the same variables', () => {
    const declared = Object.keys(CONFIG_VARIABLES).sort();
    expect(readmeVariables().sort()).toEqual(declared);
    expect(exampleVariables().sort()).toEqual(declared);
  });

  it('fills defaults, reads flags and numbers, and counts an empty value as unset', () => {
    const c = loadConfig({ PORT: '8080', TRUST_PROXY: '1', CRM_DRAIN_SECONDS: '2.5', DATABASE_URL: '', UNRELATED: 'x' });
    expect(c).toMatchObject({ PORT: 8080, TRUST_PROXY: true, CRM_DRAIN_SECONDS: 2.5, CRM_DATA_DIR: './data', CRM_MAIL_FROM: 'crm@localhost' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect('UNRELATED' in c).toBe(false);
    expect(loadConfig({}).PORT).toBe(3000);
  });

  it('a bad value fails with a message naming the variable and what is wrong, secrets unshown', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT must be a whole number (it is "abc")');
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe', DATABASE_URL: 'mysql://u:secret@h/db', CRM_CORS_ORIGINS: 'https://a.example/app' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { name: 'PORT', message: 'must be at most 65535 (it is "70000")' },
      { name: 'DATABASE_URL', message: 'must look like postgres://crm:secret@127.0.0.1:5432/crm' },
      { name: 'LOG_LEVEL', message: 'must be one of fatal, error, warn, info, debug, trace, silent (it is "loud")' },
      { name: 'TRUST_PROXY', message: 'must be 1 or 0 (or true/false) (it is "maybe")' },
      { name: 'CRM_CORS_ORIGINS', message: 'must look like https://a.example,https://b.example (it is "https://a.example/app")' },
    ]);
    expect((error as Error).message).not.toContain('secret@h');
  });

  it('the command line prints the bad setting and exits with 1, without a stack', async () => {
    const before = process.env.PORT;
    process.env.PORT = 'abc';
    const lines: string[] = [];
    try {
      expect(await runCli(['tenant', 'list'], { err: (s) => lines.push(s) })).toBe(1);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
    expect(lines).toEqual(['error: invalid configuration (see .env.example)', '  PORT must be a whole number (it is "abc")']);
  });
});
