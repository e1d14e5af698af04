import type { RuleOperatorDef } from '../../../core/index.js';

/**
 * `{"expires_within": [{"var": "expiry_date"}, 30]}`: the date falls between today and
 * the given number of days from now (lots about to expire).
 */
export const expiresWithin: RuleOperatorDef = {
  name: 'expires_within',
  evaluate(date, days) {
    if (typeof date !== 'string' || !date) return false;
    const today = new Date().toISOString().slice(0, 10);
    const limit = new Date(Date.now() + Number(days) * 86_400_000).toISOString().slice(0, 10);
    return date.slice(0, 10) >= today && date.slice(0, 10) <= limit;
  },
  sql(date, days) {
    return {
      sql: `((${date.sql})::date between current_date and current_date + (${days.sql})::int)`,
      bindings: [...date.bindings, ...days.bindings],
    };
  },
};
