import { describe, expect, it } from 'vitest';
import { problemsAt } from './server-problems.js';

describe('server problems placed on inputs', () => {
  it('puts pointers under the field on their inputs and lists the rest', () => {
    const problem = {
      title: 'Bad Request',
      status: 400,
      detail: 'The entity "deal" has 3 problems',
      errors: [
        { field: '/fields/score/max', message: 'must be number' },
        { field: '/fields/score/label/zh-CN', message: 'must be string' },
        { field: '/titleField', message: 'field "x" does not exist' },
      ],
    };
    expect(problemsAt(problem, '/fields/score', new Set(['max', 'label']))).toEqual({
      fields: { max: 'must be number', label: 'must be string' },
      other: ['field "x" does not exist'],
    });
  });
});
