/**
 * One problem found in metadata: the document it is in (a file path, or
 * `tenant:<kind>/<name>` for a document stored in the database), a JSON pointer into
 * that document, and what is wrong, in words a tenant admin understands.
 */
export interface MetadataProblem {
  file: string;
  pointer: string;
  message: string;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export const escapePointer = (segment: string | number): string => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** The pointer of a child: pointer('/fields', 'name') → '/fields/name'. */
export const childPointer = (pointer: string, ...segments: (string | number)[]): string =>
  pointer + segments.map((s) => `/${escapePointer(s)}`).join('');

/** Drops exact repeats, keeping the first occurrence's order. */
export const dedupeProblems = (problems: MetadataProblem[]): MetadataProblem[] => {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** `file pointer: message`, the way the CLI prints a problem. */
export const formatProblem = (p: MetadataProblem): string => `${p.file}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`;
