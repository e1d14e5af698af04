import { hasSqlForm, isKnownOperator } from './operators.js';
import type { Rule, RuleProblem } from './types.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const BUILT_IN_VARS = new Set(['$now', '$today']);

export interface CheckOptions {
  /** false → the variable is reported as unknown. */
  knownVar?: (path: string) => boolean;
  /** Also refuse operators that have no SQL form. */
  sql?: boolean;
  maxDepth?: number;
  maxNodes?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The check a rule passes when metadata is saved: known operators only, no
 * prototype-reaching names, a depth and size cap, known variables, and (for rules that
 * run as SQL) operators with a SQL form. Returns every problem; empty means fine.
 */
export const checkRule = (rule: Rule, options: CheckOptions = {}): RuleProblem[] => {
  const maxDepth = options.maxDepth ?? 32;
  const maxNodes = options.maxNodes ?? 1000;
  const problems: RuleProblem[] = [];
  let nodes = 0;
  const walk = (node: unknown, pointer: string, depth: number): void => {
    nodes += 1;
    if (nodes === maxNodes + 1) problems.push({ pointer, message: `the rule has more than ${maxNodes} parts` });
    if (nodes > maxNodes) return;
    if (depth > maxDepth) {
      problems.push({ pointer, message: `the rule is nested deeper than ${maxDepth} levels` });
      return;
    }
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${pointer}/${i}`, depth + 1));
    if (!isObj(node)) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ pointer, message: 'an operation has exactly one operator' });
      return;
    }
    const op = keys[0];
    const at = `${pointer}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (FORBIDDEN.has(op) || !isKnownOperator(op)) {
      problems.push({ pointer: at, message: `unknown operator "${op}"` });
      return;
    }
    if (options.sql && !hasSqlForm(op)) problems.push({ pointer: at, message: `"${op}" cannot be used in a database query` });
    const arg = node[op];
    if (op === 'var' || op === 'changed') {
      const path = Array.isArray(arg) ? arg[0] : arg;
      if (typeof path !== 'string' || path === '') {
        if (op === 'var' && path !== '' && typeof path !== 'number') problems.push({ pointer: at, message: 'var needs a field path' });
        return;
      }
      if (path.split('.').some((seg) => FORBIDDEN.has(seg))) {
        problems.push({ pointer: at, message: `"${path}" is not an allowed path` });
        return;
      }
      if (!BUILT_IN_VARS.has(path) && options.knownVar && !options.knownVar(path)) problems.push({ pointer: at, message: `unknown field "${path}"` });
      if (Array.isArray(arg) && arg.length > 1) walk(arg[1], `${at}/1`, depth + 1);
      return;
    }
    walk(arg, at, depth + 1);
  };
  walk(rule, '', 0);
  return problems;
};

/** Every variable path the rule reads, deduplicated, in order of appearance. */
export const collectVars = (rule: Rule): string[] => {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var' || op === 'changed') {
        const path = Array.isArray(arg) ? arg[0] : arg;
        if (typeof path === 'string' && path !== '') out.add(path);
        if (op === 'changed' && typeof path === 'string') out.add(`$old.${path}`);
        if (Array.isArray(arg)) arg.slice(1).forEach(walk);
      } else walk(arg);
    }
  };
  walk(rule);
  return [...out];
};
