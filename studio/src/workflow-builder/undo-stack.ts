/**
 * Undo and redo over snapshots of a value: `record` the value before each edit; `undo` gives
 * the previous one (keeping the current for `redo`). A new edit clears what could be redone.
 */
export interface UndoStack<T> {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  record(before: T): void;
  undo(current: T): T | undefined;
  redo(current: T): T | undefined;
  clear(): void;
}

export const createUndoStack = <T>(limit = 100): UndoStack<T> => {
  let past: T[] = [];
  let future: T[] = [];
  return {
    get canUndo() {
      return past.length > 0;
    },
    get canRedo() {
      return future.length > 0;
    },
    record(before) {
      past = [...past, before].slice(-limit);
      future = [];
    },
    undo(current) {
      const previous = past.at(-1);
      if (previous === undefined) return undefined;
      past = past.slice(0, -1);
      future = [...future, current];
      return previous;
    },
    redo(current) {
      const next = future.at(-1);
      if (next === undefined) return undefined;
      future = future.slice(0, -1);
      past = [...past, current];
      return next;
    },
    clear() {
      past = [];
      future = [];
    },
  };
};
