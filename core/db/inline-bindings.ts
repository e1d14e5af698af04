import pg from 'pg';
// pg's own conversion of a parameter to its text form (CommonJS, no declaration file).
// @ts-expect-error no declaration file
import pgUtils from 'pg/lib/utils.js';

const prepareValue = (pgUtils as { prepareValue(v: unknown): unknown }).prepareValue;

/**
 * One statement with its `$n` parameters written in as literals, so it can travel in a
 * simple-protocol message with other statements. Each value becomes what pg would send
 * for it (its text form, an untyped literal, so Postgres infers its type the same way),
 * quoted by pg's escapeLiteral. Undefined — send it as usual — when the statement has
 * anything the scan does not follow (comments, dollar quotes, E'' strings, a second
 * statement) or a value that is not text (bytes).
 */
export const inlineBindings = (sql: string, values: readonly unknown[]): string | undefined => {
  const literals: string[] = [];
  for (const value of values) {
    const text = prepareValue(value);
    if (text === null || text === undefined) literals.push('NULL');
    else if (typeof text === 'string' && !text.includes('\0')) literals.push(pg.escapeLiteral(text));
    else return undefined;
  }
  sql = sql.replace(/;\s*$/, '');
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      if (c === "'" && /[a-z0-9_]$/i.test(out)) return undefined; // E'…', U&'…', B'…': prefixed strings are not followed
      let end = i + 1;
      for (;;) {
        end = sql.indexOf(c, end);
        if (end < 0) return undefined;
        if (sql[end + 1] === c) end += 2;
        else break;
      }
      out += sql.slice(i, end + 1);
      i = end + 1;
    } else if (c === '$') {
      const n = /^\$(\d+)/.exec(sql.slice(i, i + 8));
      if (!n || /[a-z0-9_]$/i.test(out)) return undefined;
      const literal = literals[Number(n[1]) - 1];
      if (literal === undefined) return undefined;
      out += literal;
      i += n[0].length;
    } else if (c === ';' || c === '\\' || (c === '-' && sql[i + 1] === '-') || (c === '/' && sql[i + 1] === '*')) {
      return undefined;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
};
