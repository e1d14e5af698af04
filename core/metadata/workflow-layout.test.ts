import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate-document.js';

const workflow = (layout: unknown) => ({
  kind: 'workflow',
  name: 'welcome',
  entity: 'customer',
  trigger: { on: 'create' },
  steps: [{ id: 'greet', type: 'set', fields: { grade: 'A' } }],
  layout,
});
const messages = (doc: unknown) => validateDocument(doc, { file: 'f.json' }).map((p) => `${p.pointer}: ${p.message}`);

describe('a workflow’s canvas layout', () => {
  it('accepts positions keyed by step id and by $trigger', () => {
    expect(messages(workflow({ $trigger: { x: 40, y: 30 }, greet: { x: 280.5, y: -150 } }))).toEqual([]);
    expect(messages(workflow(undefined))).toEqual([]);
  });

  it('refuses a position without numbers, with extra keys, or under a key that is no step id', () => {
    expect(messages(workflow({ greet: { x: '1', y: 2 }, other: { x: 1 }, 'bad key': { x: 1, y: 1 }, far: { x: 1, y: 2, z: 3 } }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/layout\/bad key: must match the pattern/),
        '/layout/greet/x: must be a number',
        '/layout/other/y: is required',
        '/layout/far/z: is not an allowed property',
      ]),
    );
  });
});
