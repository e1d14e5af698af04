/**
 * Patterns of text fields are typed by tenant admins, so they are checked before use:
 * at most 200 characters, valid, and free of nested quantifiers such as (a+)+ that
 * backtrack exponentially. Values are tested only up to MAX_PATTERN_INPUT characters.
 */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATTERN_INPUT = 1000;

interface Group {
  quantified: boolean;
}

/** Length of a quantifier starting at i (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`), 0 if none; unbounded when it has no upper limit. */
const quantifierAt = (p: string, i: number): { length: number; unbounded: boolean } => {
  const c = p[i];
  if (c === '*' || c === '+') return { length: 1, unbounded: true };
  if (c === '?') return { length: 1, unbounded: false };
  const m = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i)) : null;
  if (!m) return { length: 0, unbounded: false };
  return { length: m[0].length, unbounded: m[2] !== undefined && (m[3] === '' || Number(m[3]) > 10) };
};

/** Index just past a character class starting at i (`[...]`). */
const skipClass = (p: string, i: number): number => {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
  return j + 1;
};

/** Index just past a group's opening `(`, `(?:`, `(?=`, `(?<name>` … */
const skipGroupOpen = (p: string, i: number): number => {
  if (p[i + 1] !== '?') return i + 1;
  if (p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') return p.indexOf('>', i) + 1 || p.length;
  return i + (p[i + 2] === '<' ? 4 : 3);
};

const hasNestedQuantifier = (p: string): boolean => {
  const stack: Group[] = [{ quantified: false }];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    let closed: Group | undefined;
    if (c === '\\') i += 2;
    else if (c === '[') i = skipClass(p, i);
    else if (c === '(') {
      stack.push({ quantified: false });
      i = skipGroupOpen(p, i);
      continue;
    } else if (c === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      if (closed?.quantified) stack[stack.length - 1].quantified = true;
      i++;
    } else i++;
    const q = quantifierAt(p, i);
    if (!q.length) continue;
    if (closed?.quantified && q.unbounded) return true;
    stack[stack.length - 1].quantified = true;
    i += q.length;
    if (p[i] === '?' || p[i] === '+') i++; // lazy or possessive marker
  }
  return false;
};

/** Why the pattern may not be used, or undefined when it is safe. */
export const patternProblem = (pattern: string): string | undefined => {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'the pattern is not a valid regular expression';
  }
  if (hasNestedQuantifier(pattern)) return 'the pattern repeats a repeated group (such as (a+)+), which can take exponential time';
  return undefined;
};

const compiled = new Map<string, RegExp>();

/** The compiled pattern (cached); call patternProblem first. */
export const safeRegExp = (pattern: string): RegExp => {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
};
