import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_TENANT_SCHEMA, TENANT_SCHEMA_LADDER } from './ladder.js';

describe('tenant schema ladder', () => {
  it('numbers its rungs 1, 2, 3, … with no gap or repeat, each with a name and description', () => {
    expect(TENANT_SCHEMA_LADDER.map((s) => s.version)).toEqual(TENANT_SCHEMA_LADDER.map((_, i) => i + 1));
    expect(LATEST_TENANT_SCHEMA).toBe(TENANT_SCHEMA_LADDER.length);
    for (const s of TENANT_SCHEMA_LADDER) expect(s.description.length).toBeGreaterThan(10);
  });

  it('lists every rung file of this folder, each named NNN-<name>.ts after its version and name', () => {
    const files = readdirSync(new URL('.', import.meta.url)).filter((f) => /^\d{3}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.sort()).toEqual(TENANT_SCHEMA_LADDER.map((s) => `${String(s.version).padStart(3, '0')}-${s.name}.ts`));
  });
});
