import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../api/types.js';
import { dayText, fieldAt, instantText } from './tile-values.js';

const entities = {
  case: { kind: 'entity', name: 'case', fields: { customer: { type: 'reference', entity: 'customer' }, due: { type: 'datetime' } } },
  customer: { kind: 'entity', name: 'customer', fields: { name: { type: 'text' } } },
} as unknown as Record<string, EntityDocument>;

describe('home tile values', () => {
  it('finds the field a path names, through references and system columns', () => {
    expect(fieldAt(entities, 'case', 'customer.name')?.type).toBe('text');
    expect(fieldAt(entities, 'case', 'due')?.type).toBe('datetime');
    expect(fieldAt(entities, 'case', 'updated_at')?.type).toBe('datetime');
    expect(fieldAt(entities, 'case', 'due.name')).toBeUndefined();
    expect(fieldAt(entities, 'case', 'nothing')).toBeUndefined();
  });

  it("shows an instant on the tenant's clock: the time alone on today, else the day too", () => {
    // 2026-12-07T16:30Z is 00:30 on the 8th in Shanghai.
    expect(instantText('2026-12-07T16:30:00Z', 'en-GB', 'Asia/Shanghai', '2026-12-08')).toBe('00:30');
    expect(instantText('2026-12-07T16:30:00Z', 'en-GB', 'Asia/Shanghai', '2026-12-07')).toMatch(/8 Dec 2026/);
    expect(instantText('not a time', 'en-GB', 'UTC', '2026-12-07')).toBe('not a time');
    expect(dayText('2026-12-07', 'en-GB')).toMatch(/^Monday,? 7 December 2026$/);
    expect(dayText('2026-12-07', 'zh-CN')).toBe('2026年12月7日星期一');
  });
});
