/** Something just done that can be undone: a sentence for the user and the undo itself. */
export interface Undoable {
  message: string;
  undo: () => Promise<void>;
}
