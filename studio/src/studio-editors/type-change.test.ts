import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../api/types.js';
import { typeChangeOf } from './type-change.js';

const f = (type: string, more: object = {}) => ({ type, ...more }) as FieldDefinition;

describe('type changes explained before saving', () => {
  it('says what the server and the publish would do', () => {
    expect(typeChangeOf(undefined, f('integer'), true)).toBe('none');
    expect(typeChangeOf(f('text'), f('text'), true)).toBe('none');
    expect(typeChangeOf(f('text'), f('integer'), false)).toBe('locked');
    expect(typeChangeOf(f('integer'), f('text'), true)).toBe('safe');
    expect(typeChangeOf(f('integer'), f('decimal', { precision: 30, scale: 2 }), true)).toBe('safe');
    expect(typeChangeOf(f('integer'), f('decimal'), true)).toBe('narrowing');
    expect(typeChangeOf(f('date'), f('datetime'), true)).toBe('safe');
    expect(typeChangeOf(f('text'), f('integer'), true)).toBe('narrowing');
    expect(typeChangeOf(f('decimal'), f('integer'), true)).toBe('narrowing');
    expect(typeChangeOf(f('text'), f('formula'), true)).toBe('virtual');
  });
});
