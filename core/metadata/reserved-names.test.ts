import { describe, expect, it } from 'vitest';
import { identifierProblem } from './reserved-names.js';

describe('identifierProblem', () => {
  it('accepts plain names and refuses reserved words, system columns and bad shapes', () => {
    expect(identifierProblem('customer_grade', 'field')).toBeUndefined();
    expect(identifierProblem('select', 'entity')).toBe('"select" is a reserved word and cannot name an entity');
    for (const word of ['from', 'where', 'table', 'user', 'order', 'group', 'limit']) expect(identifierProblem(word, 'field')).toMatch(/reserved word/);
    for (const col of ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', 'deleted_at']) {
      expect(identifierProblem(col, 'field')).toMatch(/system column/);
    }
    expect(identifierProblem('Name', 'field')).toMatch(/lowercase/);
    expect(identifierProblem(`a${'b'.repeat(63)}`, 'field')).toMatch(/at most 63/);
  });
});
