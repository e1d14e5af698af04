/** Undo and redo over whole states: `push` records a new state, `undo`/`redo` walk the record. */
export class UndoStack<T> {
  private past: T[] = [];
  private future: T[] = [];
  constructor(private current: T, private readonly limit = 100) {}

  get state(): T {
    return this.current;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  push(next: T): T {
    this.past.push(this.current);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.current = next;
    return next;
  }

  undo(): T {
    const prev = this.past.pop();
    if (prev !== undefined) {
      this.future.push(this.current);
      this.current = prev;
    }
    return this.current;
  }

  redo(): T {
    const next = this.future.pop();
    if (next !== undefined) {
      this.past.push(this.current);
      this.current = next;
    }
    return this.current;
  }

  /** Starts over from `state` with no history (after loading or saving). */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.current = state;
  }
}
