import { describe, expect, it } from 'vitest';
import { createUndoStack } from './undo-stack.js';

describe('undo stack', () => {
  it('undoes and redoes edits in order; a new edit drops the redo list', () => {
    const s = createUndoStack<string>();
    expect(s.canUndo).toBe(false);
    s.record('a'); // a → b
    s.record('b'); // b → c
    expect(s.undo('c')).toBe('b');
    expect(s.undo('b')).toBe('a');
    expect(s.undo('a')).toBeUndefined();
    expect(s.canRedo).toBe(true);
    expect(s.redo('a')).toBe('b');
    s.record('b'); // b → d
    expect(s.canRedo).toBe(false);
    expect(s.redo('d')).toBeUndefined();
    expect(s.undo('d')).toBe('b');
  });

  it('keeps at most `limit` steps and forgets everything on clear', () => {
    const s = createUndoStack<number>(2);
    [1, 2, 3].forEach((n) => s.record(n));
    expect(s.undo(4)).toBe(3);
    expect(s.undo(3)).toBe(2);
    expect(s.undo(2)).toBeUndefined();
    s.clear();
    expect([s.canUndo, s.canRedo]).toEqual([false, false]);
  });
});
