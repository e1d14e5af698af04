import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCoalescedEdits } from './use-coalesced-edits.js';
import { useUndoHistory } from './use-undo-history.js';

afterEach(() => vi.useRealTimers());

describe('useCoalescedEdits', () => {
  it('folds edits of one key within the window into one undo step, and starts a new step after it', () => {
    vi.useFakeTimers();
    const history = useUndoHistory<string | null>('a');
    const edits = useCoalescedEdits(history, 1000);
    edits.change('ab', 'title');
    vi.advanceTimersByTime(500);
    edits.change('abc', 'title');
    vi.advanceTimersByTime(1500);
    edits.change('abcd', 'title');
    expect(history.state.value).toBe('abcd');
    edits.undo();
    expect(history.state.value).toBe('abc');
    edits.undo();
    expect(history.state.value).toBe('a');
    edits.redo();
    expect(history.state.value).toBe('abc');
  });

  it('keeps edits of other keys, edits without a key and edits after undo or forget apart; ignores a change while nothing is loaded', () => {
    const history = useUndoHistory<string | null>(null);
    const edits = useCoalescedEdits(history);
    edits.change('x', 'title');
    expect(history.state.value).toBeNull();
    history.reset('a');
    edits.change('b', 'title');
    edits.change('c', 'label');
    edits.change('d');
    edits.change('e');
    edits.forget();
    edits.change('f', 'label');
    edits.undo();
    expect(history.state.value).toBe('e');
    edits.undo();
    edits.undo();
    edits.undo();
    expect(history.state.value).toBe('b');
  });
});
