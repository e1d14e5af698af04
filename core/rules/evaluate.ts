import jsonLogic from 'json-logic-js';
import './operators.js';
import { timeOf, todayOf, truthy } from './semantics.js';
import type { Rule } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{"changed":"status"}` reads the record twice; it becomes `status != $old.status`. */
const expandChanged = (rule: Rule): Rule => {
  if (Array.isArray(rule)) return rule.map(expandChanged);
  if (!isObj(rule)) return rule;
  const [op] = Object.keys(rule);
  if (op === 'changed' && typeof rule.changed === 'string') {
    return { '!=': [{ var: rule.changed }, { var: `$old.${rule.changed}` }] };
  }
  return Object.fromEntries(Object.entries(rule).map(([k, v]) => [k, expandChanged(v)]));
};

/**
 * Evaluates a rule in memory. data: the record's fields plus optional $old, $user, $now,
 * $today and $time (the tenant's zone and business calendar; $today defaults to today there).
 */
export const evaluateRule = (rule: Rule, data: Record<string, unknown>): unknown => {
  const now = new Date();
  const input = { $now: now.toISOString(), $today: todayOf(now, timeOf(data).timeZone), ...data };
  return jsonLogic.apply(expandChanged(rule) as jsonLogic.RulesLogic, input);
};

/** Whether the rule is truthy for data (json-logic truthiness: 0, '', null, false, [] are false). */
export const ruleAccepts = (rule: Rule, data: Record<string, unknown>): boolean => truthy(evaluateRule(rule, data));
