import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, fieldProblem, problem, registerProblems } from '../errors.js';
import { FIELD_PROBLEMS, PROBLEMS, fillText, placeholdersOf, readText, wireCode, type ProblemEntry } from './registry.js';

const root = join(import.meta.dirname, '..', '..');

/** Every non-test TypeScript source under `dir`. */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });

/** Literal codes in code: passed to problem()/fieldProblem(), to new AppError(), or written as `code: '…'`. */
const codesIn = (text: string): string[] =>
  [...text.matchAll(/(?:problem\(|fieldProblem\(|new AppError\(|code: )'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]);

/** `code:` literals that are not problem codes: the sandbox's own failure kinds, a Node warning code. */
const NOT_PROBLEMS = new Set(['TIMEOUT', 'QUOTA', 'SANDBOX_CRASHED', 'CRM_PLUGIN_INVALID']);

const problemKeys = new Set(Object.keys(PROBLEMS));
const wireCodes = new Set(Object.entries(PROBLEMS).map(([k, e]) => wireCode(k, e)));
const fieldWireCodes = new Set(Object.entries(FIELD_PROBLEMS).flatMap(([k, e]) => [k, wireCode(k, e)]));
const sorted = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the problem registry', () => {
  it('lists every code core throws or sends, as a problem or a field code', () => {
    const missing: string[] = [];
    for (const file of sources(join(root, 'core'))) {
      if (file.includes(`${join('core', 'sandbox')}`)) continue;
      for (const code of codesIn(readFileSync(file, 'utf8'))) {
        if (NOT_PROBLEMS.has(code)) continue;
        if (!problemKeys.has(code) && !wireCodes.has(code) && !fieldWireCodes.has(code)) missing.push(`${relative(root, file)}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives the script step a problem for every way a script fails', () => {
    const kinds = readFileSync(join(root, 'core', 'sandbox', 'types.ts'), 'utf8').match(/ScriptErrorCode =([^;]+);/)![1];
    for (const [, kind] of kinds.matchAll(/'([A-Z_]+)'/g)) expect(problemKeys.has(kind.startsWith('SCRIPT') ? kind : `SCRIPT_${kind}`), kind).toBe(true);
  });

  it('has a 4xx or 5xx status and both texts for every problem, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(PROBLEMS) as [string, ProblemEntry][]) {
      expect(key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.status >= 400 && entry.status < 600, key).toBe(true);
      expect(entry.en.trim() && entry['zh-CN'].trim(), key).toBeTruthy();
      expect(sorted(entry['zh-CN']), key).toEqual(sorted(entry.en));
      if (entry.code) {
        const own = (PROBLEMS as Record<string, ProblemEntry>)[entry.code];
        expect(own, `${key} is a case of ${entry.code}`).toBeDefined();
        expect(entry.status, `${key} has the status of ${entry.code}`).toBe(own.status);
      }
    }
  });

  it('has both texts for every field code, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(FIELD_PROBLEMS)) {
      expect(entry.en.trim() && entry['zh-CN'].trim(), key).toBeTruthy();
      expect(sorted(entry['zh-CN']), key).toEqual(sorted(entry.en));
      if ('code' in entry) expect(Object.keys(FIELD_PROBLEMS), key).toContain(entry.code);
    }
  });

  it('reads back the values a text was filled with', () => {
    for (const [key, entry] of Object.entries(PROBLEMS) as [string, ProblemEntry][]) {
      const values = Object.fromEntries(placeholdersOf(entry.en).map((n, i) => [n, `v${i} x`]));
      expect(readText(entry.en, fillText(entry.en, values)), key).toEqual(values);
    }
    expect(readText('“{transition}” is not possible', '"win" is not possible.')).toEqual({ transition: 'win' });
    expect(readText('Sign in first.', 'Something else')).toBeUndefined();
  });
});

describe('problem()', () => {
  it('takes the status and the English detail from the registry and sends the values as params', () => {
    const e = problem('WRONG_STATE', { transition: 'win', state: 'lost' });
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'WRONG_STATE', status: 409, message: '“win” is not possible from the state “lost”.', details: { params: { transition: 'win', state: 'lost' } } });
  });

  it('sends a case with the wire code and status of its code', () => {
    expect(problem('ADMINS_ONLY')).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Only tenant admins may do this.' });
  });

  it('refuses a code nobody registered', () => {
    expect(() => problem('NO_SUCH_CODE')).toThrow(/Unregistered problem code NO_SUCH_CODE/);
  });

  it('takes a plugin’s own codes, and refuses one the engine or another plugin has', () => {
    registerProblems('shop', { SHOP_CLOSED: { status: 409, en: 'The shop {shop} is closed.', 'zh-CN': '商店 {shop} 已关闭。' } });
    expect(problem('SHOP_CLOSED', { shop: 'north' })).toMatchObject({ code: 'SHOP_CLOSED', status: 409, message: 'The shop north is closed.' });
    expect(() => registerProblems('other', { SHOP_CLOSED: { status: 409, en: 'x', 'zh-CN': 'x' } })).toThrow(/already registered by shop/);
    expect(() => registerProblems('other', { NOT_FOUND: { status: 410, en: 'x', 'zh-CN': 'x' } })).toThrow(/already registered by the engine/);
  });

  it('words field errors from the registry', () => {
    expect(fieldProblem('REQUIRED', 'name')).toEqual({ field: 'name', message: 'is required', code: 'REQUIRED' });
    expect(fieldProblem('STATE_FIELD_INITIAL', 'stage', { initial: 'new' })).toEqual({ field: 'stage', message: 'must be “new” (the initial state) or left out', code: 'STATE_FIELD' });
  });
});
