import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, STUDIO_SHARED_CORE } from './check-architecture.js';
import { repoSources } from './repo-sources.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The engine's architecture rules over its own sources (plain files, no database); see
 * docs/architecture.md, "Layers and the direction of dependencies". A failure names the
 * rule, the file and the import that breaks it.
 */
describe('the architecture', () => {
  const files = repoSources(REPO, ['core', 'plugins', 'studio/src']);

  it('reads the sources it judges', () => {
    expect(files.some((f) => f.path === 'core/index.ts')).toBe(true);
    expect(files.some((f) => f.path.startsWith('plugins/customers/'))).toBe(true);
    expect(files.some((f) => f.path.startsWith('studio/src/') && f.path.endsWith('.vue'))).toBe(true);
    for (const shared of STUDIO_SHARED_CORE) expect(files.some((f) => f.path.startsWith(shared)), shared).toBe(true);
  });

  it('keeps every rule: thin doors, the studio’s shared modules, core layers without cycles, the plugin boundary', () => {
    expect(checkArchitecture(files)).toEqual([]);
  });
});
