import type { UndoHistory } from './use-undo-history.js';

/** Edits with the same key this close together are one step of undo (typing a title is one edit). */
export const COALESCE_MS = 1000;

/**
 * Changes an editor's snapshot through its undo history, folding edits that carry the same
 * key within `windowMs` of each other into one undo step; undo, redo and `forget` (after a
 * load) end the edit in progress.
 */
export const useCoalescedEdits = <T>(history: UndoHistory<T | null>, windowMs = COALESCE_MS) => {
  let last: { key: string; at: number } | undefined;
  return {
    /** Replaces the snapshot, keeping the one before for undo (unless `key` names the same edit as a moment ago). */
    change(next: T, key?: string): void {
      const present = history.state.value;
      if (present === null || next === present) return;
      const now = Date.now();
      if (key && last?.key === key && now - last.at < windowMs) history.replace(next);
      else history.push(next);
      last = key ? { key, at: now } : undefined;
    },
    undo(): void {
      last = undefined;
      history.undo();
    },
    redo(): void {
      last = undefined;
      history.redo();
    },
    forget(): void {
      last = undefined;
    },
  };
};
