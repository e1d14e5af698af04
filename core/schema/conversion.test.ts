import { describe, expect, it } from 'vitest';
import { conversionOf } from './conversion.js';

describe('conversionOf', () => {
  it('is nothing for the same type (enum ↔ text are both text)', () => {
    expect(conversionOf('text', 'text')).toBeNull();
  });
  it.each([
    ['bigint', 'numeric(18,4)', true],
    ['bigint', 'numeric(24,4)', false],
    ['numeric(18,4)', 'numeric(20,4)', false],
    ['numeric(18,4)', 'numeric(18,2)', true],
    ['numeric(18,2)', 'bigint', true],
    ['text', 'bigint', true],
    ['bigint', 'text', false],
    ['text[]', 'text', false],
    ['text', 'text[]', false],
    ['date', 'timestamp with time zone', false],
    ['timestamp with time zone', 'date', true],
    ['text', 'jsonb', false],
    ['uuid', 'text', false],
    ['text', 'uuid', true],
  ])('%s → %s narrowing: %s', (from, to, narrowing) => {
    expect(conversionOf(from, to)?.narrowing).toBe(narrowing);
  });
});
