import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue';

/** Undo and redo over whole snapshots of a document. */
export interface UndoHistory<T> {
  /** The present snapshot. */
  readonly state: Readonly<ShallowRef<T>>;
  readonly canUndo: ComputedRef<boolean>;
  readonly canRedo: ComputedRef<boolean>;
  /** Makes `next` the present, keeping the one before for undo; forgets what could be redone. */
  push(next: T): void;
  /** Replaces the present without a new undo step (the same edit continued). */
  replace(next: T): void;
  /** Goes one step back; answers the present snapshot. */
  undo(): T;
  /** Goes one step forward again; answers the present snapshot. */
  redo(): T;
  /** Starts over from `state` with no history (after loading). */
  reset(state: T): void;
}

/** Undo and redo of an editor's document: at most `limit` steps back, the oldest forgotten first. */
export const useUndoHistory = <T>(initial: T, limit = 100): UndoHistory<T> => {
  const state = shallowRef<T>(initial);
  const past = shallowRef<T[]>([]);
  const future = shallowRef<T[]>([]);
  return {
    state,
    canUndo: computed(() => past.value.length > 0),
    canRedo: computed(() => future.value.length > 0),
    push(next) {
      past.value = [...past.value, state.value].slice(-limit);
      future.value = [];
      state.value = next;
    },
    replace(next) {
      state.value = next;
    },
    undo() {
      if (!past.value.length) return state.value;
      future.value = [...future.value, state.value];
      state.value = past.value.at(-1) as T;
      past.value = past.value.slice(0, -1);
      return state.value;
    },
    redo() {
      if (!future.value.length) return state.value;
      past.value = [...past.value, state.value];
      state.value = future.value.at(-1) as T;
      future.value = future.value.slice(0, -1);
      return state.value;
    },
    reset(next) {
      past.value = [];
      future.value = [];
      state.value = next;
    },
  };
};
