import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../metadata/types.js';
import { workflowStepProblems } from './check-steps.js';

const doc = (steps: unknown[]) => ({ kind: 'workflow', name: 'w', trigger: { on: 'manual' }, steps }) as WorkflowDocument;

describe('workflow step check', () => {
  it('accepts sound steps', () => {
    expect(workflowStepProblems(doc([
      { id: 'a', type: 'branch', if: true, then: 'b', else: null },
      { id: 'b', type: 'approval', approvers: { roles: ['boss'] }, mode: 'k_of_n', k: 2, onReject: 'a' },
      { id: 'c', type: 'wait', hours: 2, next: null },
    ]))).toEqual([]);
  });

  it('names unknown types, bad options and missing targets with their pointers', () => {
    const problems = workflowStepProblems(doc([
      { id: 'a', type: 'teleport' },
      { id: 'b', type: 'set', fields: {}, colour: 'red' },
      { id: 'c', type: 'branch', cases: [{ when: true, next: 'nowhere' }] },
      { id: 'd', type: 'webhook' },
    ]));
    expect(problems).toEqual(expect.arrayContaining([
      { field: '/steps/0/type', message: 'unknown step type "teleport"' },
      expect.objectContaining({ field: '/steps/1', message: expect.stringContaining('colour') }),
      expect.objectContaining({ field: '/steps/1/fields' }),
      { field: '/steps/2/cases/0/next', message: 'no step has the id "nowhere"' },
      expect.objectContaining({ field: '/steps/3', message: expect.stringContaining('url') }),
    ]));
  });
});
