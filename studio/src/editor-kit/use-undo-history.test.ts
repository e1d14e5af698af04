import { describe, expect, it } from 'vitest';
import { computed } from 'vue';
import { useUndoHistory } from './use-undo-history.js';

describe('undo history', () => {
  it('undoes and redoes steps in order; a new step forgets what could be redone', () => {
    const h = useUndoHistory('a');
    expect([h.canUndo.value, h.canRedo.value]).toEqual([false, false]);
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBe('a');
    expect(h.canRedo.value).toBe(true);
    expect(h.redo()).toBe('b');
    h.push('d');
    expect(h.canRedo.value).toBe(false);
    expect(h.redo()).toBe('d');
    expect(h.undo()).toBe('b');
    expect(h.state.value).toBe('b');
  });

  it('keeps at most `limit` steps back, forgetting the oldest', () => {
    const h = useUndoHistory(0, 2);
    [1, 2, 3].forEach((n) => h.push(n));
    expect(h.undo()).toBe(2);
    expect(h.undo()).toBe(1);
    expect(h.canUndo.value).toBe(false);
    expect(h.undo()).toBe(1);
    expect(h.redo()).toBe(2);
    expect(h.redo()).toBe(3);
    expect(h.canRedo.value).toBe(false);
  });

  it('continues a step with replace and starts over with reset', () => {
    const h = useUndoHistory('');
    h.push('T');
    h.replace('Ti');
    h.replace('Title');
    expect(h.undo()).toBe('');
    expect(h.redo()).toBe('Title');
    h.reset('loaded');
    expect([h.state.value, h.canUndo.value, h.canRedo.value]).toEqual(['loaded', false, false]);
  });

  it('is reactive: computed values follow each step', () => {
    const h = useUndoHistory(1);
    const doubled = computed(() => h.state.value * 2);
    h.push(5);
    expect(doubled.value).toBe(10);
    h.undo();
    expect(doubled.value).toBe(2);
  });
});
