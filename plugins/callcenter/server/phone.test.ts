import { describe, expect, it } from 'vitest';
import { normalisePhone, toE164 } from './phone.js';

describe('phone numbers in E.164', () => {
  it('reads Chinese mobiles and landlines with area codes, and international numbers', () => {
    expect(toE164('138 1234 5678')).toBe('+8613812345678');
    expect(toE164('010-12345678')).toBe('+861012345678');
    expect(toE164('(021) 6123 4567')).toBe('+862161234567');
    expect(toE164('0571-88889999')).toBe('+8657188889999');
    expect(toE164('+86 139-0000-1111')).toBe('+8613900001111');
    expect(toE164('0086 13900001111')).toBe('+8613900001111');
    expect(toE164('400 800 1234')).toBe('+864008001234');
    expect(toE164('+852 2345 6789')).toBe('+85223456789');
    expect(toE164('(415) 555-0132', 'US')).toBe('+14155550132');
  });

  it('keeps what is not a number as typed', () => {
    expect(toE164('12345')).toBeUndefined();
    expect(normalisePhone(' ext. 802 ')).toBe('ext. 802');
    expect(normalisePhone(null)).toBeNull();
  });
});
