import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, generateTypes } from './generate-types.js';

describe('generated metadata types', () => {
  it('are up to date with metadata/schemas (run npm run metadata:types)', async () => {
    const expected = await generateTypes();
    const actual = Object.fromEntries(readdirSync(GENERATED_DIR).map((f) => [f, readFileSync(join(GENERATED_DIR, f), 'utf8')]));
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, source] of Object.entries(expected)) expect(actual[file], `${file} is stale`).toBe(source);
  });
});
