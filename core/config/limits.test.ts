import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseLimits } from './limits.js';

const table = (): Record<string, number> => {
  const text = readFileSync(new URL('../../docs/limits.md', import.meta.url), 'utf8');
  return Object.fromEntries([...text.matchAll(/^\| `([a-zA-Z]+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
};

describe('published limits', () => {
  it('docs/limits.md publishes every limit with its default', () => {
    expect(table()).toEqual(DEFAULT_LIMITS);
  });

  it('CRM_LIMITS changes named limits and refuses unknown names and bad values', () => {
    expect(parseLimits(' fieldsPerEntity = 30 , rowsPerImport=5')).toEqual({ fieldsPerEntity: 30, rowsPerImport: 5 });
    expect(parseLimits(undefined)).toEqual({});
    expect(() => parseLimits('rowsPerFile=3')).toThrow('CRM_LIMITS names "rowsPerFile", which is not a limit');
    expect(() => parseLimits('workflowSteps=0')).toThrow('it must be a whole number of at least 1');
  });
});
