import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../api/types.js';
import { formatValue, type FormatContext } from './format-value.js';

const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({ locale: 'en', dictionaries: {}, yes: 'Yes', no: 'No', ...over });
const field = (f: Record<string, unknown>) => ({ label: { en: 'X', 'zh-CN': 'X' }, ...f }) as unknown as FieldDefinition;

describe('formatValue', () => {
  it('shows a decimal up to its scale without padding: a quantity of 2 is "2", not "2.0000"', () => {
    expect(formatValue(field({ type: 'decimal', scale: 4 }), '2.0000', ctx())).toBe('2');
    expect(formatValue(field({ type: 'decimal', scale: 4 }), '1234.5600', ctx())).toBe('1,234.56');
    expect(formatValue(field({ type: 'decimal' }), '0.12345', ctx())).toBe('0.1235');
    expect(formatValue(field({ type: 'formula', resultType: 'decimal' }), 70.96774, ctx())).toBe('70.97');
  });

  it('shows a text formula that answers codes by their labels, when it names them', () => {
    const status = field({ type: 'formula', resultType: 'text', options: [{ value: 'active', label: { en: 'Active', 'zh-CN': '生效中' } }] });
    expect(formatValue(status, 'active', ctx())).toBe('Active');
    expect(formatValue(status, 'active', ctx({ locale: 'zh-CN' }))).toBe('生效中');
    expect(formatValue(field({ type: 'formula', resultType: 'text' }), 'active', ctx())).toBe('active');
  });

  it("shows an instant on the tenant's clock, in the reader's language", () => {
    const at = '2026-12-07T16:30:00.000Z';
    expect(formatValue(field({ type: 'datetime' }), at, ctx({ timeZone: 'Asia/Shanghai' }))).toBe(new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }));
    expect(formatValue(field({ type: 'datetime' }), at, ctx({ timeZone: 'Asia/Shanghai' }))).toContain('Dec 8, 2026');
    expect(formatValue(field({ type: 'datetime' }), at, ctx({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' }))).toContain('2026年12月8日');
  });

  it("shows a calendar day in the reader's language, the same day whatever the clock", () => {
    expect(formatValue(field({ type: 'date' }), '2026-12-07', ctx())).toBe('Dec 7, 2026');
    expect(formatValue(field({ type: 'date' }), '2026-12-07', ctx({ locale: 'zh-CN', timeZone: 'America/Los_Angeles' }))).toBe('2026年12月7日');
    expect(formatValue(field({ type: 'date' }), '2026-12-07T00:00:00.000Z', ctx({ timeZone: 'Asia/Shanghai' }))).toBe('Dec 7, 2026');
    expect(formatValue(field({ type: 'date' }), 'not a day', ctx())).toBe('not a day');
  });
});
