import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.js';

describe('safeReturnTo', () => {
  it('keeps paths inside the app, with their query', () => {
    expect(safeReturnTo('/app/customer/42')).toBe('/app/customer/42');
    expect(safeReturnTo(['/app/customer/42?tab=contacts'])).toBe('/app/customer/42?tab=contacts');
  });

  it('refuses other sites, protocol-relative and escaping paths, and non-strings', () => {
    for (const raw of ['https://evil.example/app/x', '//evil.example/app/x', '/\\evil.example', '/app\\..\\x', '/studio/entities', '/app/../studio', 'javascript:alert(1)', '/app/x\n', undefined, 42, null]) {
      expect(safeReturnTo(raw), String(raw)).toBeUndefined();
    }
  });
});
