/**
 * Files stored by server code inside the transaction that attaches them: a plugin's seed or
 * action run as an actor that owns no uploads (the command line, a workflow, a test's actor)
 * stores a file and attaches it in the same transaction. Only that transaction may take such
 * a file unannounced; an upload over HTTP is its own request and is attached by its uploader.
 */
const stored = new WeakMap<object, Set<string>>();

type Db = object & { isTransaction?: boolean; parentTransaction?: Db };

/** The outermost transaction `db` belongs to (a savepoint's parent, up to the top), or undefined outside one. */
const outermost = (db: Db): Db | undefined => {
  if (db.isTransaction !== true) return undefined;
  let at = db;
  while (at.parentTransaction) at = at.parentTransaction;
  return at;
};

/** Notes a file stored through `db`, when `db` is a transaction (or a savepoint in one). */
export const noteUploadInTransaction = (db: Db, fileId: string): void => {
  const top = outermost(db);
  if (!top) return;
  const ids = stored.get(top) ?? new Set<string>();
  ids.add(fileId);
  stored.set(top, ids);
};

/** Whether the file was stored by this very transaction. */
export const uploadedInTransaction = (db: Db, fileId: string): boolean => {
  const top = outermost(db);
  return top !== undefined && (stored.get(top)?.has(fileId) ?? false);
};
