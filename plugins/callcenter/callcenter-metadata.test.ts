import { describe, expect, it } from 'vitest';
import { checkPluginMetadata } from '../../core/plugins/testing.js';

describe('callcenter metadata', () => {
  it('passes the check', async () => {
    expect(await checkPluginMetadata('callcenter')).toEqual([]);
  });
});
