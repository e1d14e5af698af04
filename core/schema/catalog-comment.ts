import { invalidInput } from '../errors.js';

/** Stable ids kept in catalog comments: a small, quote-free alphabet. */
const STABLE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export const assertStableId = (id: string, where: string): void => {
  if (!STABLE_ID.test(id)) {
    throw invalidInput(`Invalid stable id on ${where}`, [{ field: where, message: 'id must match ^[A-Za-z0-9_.:-]{1,128}$' }]);
  }
};

/** The comment text for a stable id: `{"id":"…"}`. */
export const commentFor = (id: string): string => JSON.stringify({ id });

/** The stable id stored in a catalog comment, if any. */
export const idFromComment = (comment: string | null | undefined): string | undefined => {
  if (!comment) return undefined;
  try {
    const parsed: unknown = JSON.parse(comment);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') {
      return (parsed as { id: string }).id;
    }
  } catch {
    // not ours: a comment someone else wrote
  }
  return undefined;
};

/**
 * A SQL string literal for a comment (COMMENT ON takes no parameters). The text is
 * built from a validated stable id, so it holds no quote, backslash or `?`; quotes are
 * doubled anyway.
 */
export const commentLiteral = (id: string): string => {
  assertStableId(id, 'id');
  return `'${commentFor(id).replace(/'/g, "''")}'`;
};
