import { addDays, todayIn, type RuleOperatorDef } from '../../../core/index.js';

/**
 * `{"expires_within": [{"var": "expiry_date"}, 30, {"var": "$today"}]}`: the date falls
 * between today and the given number of days after it (lots about to expire). The third
 * argument is the day it is now in the tenant's zone (`$today`); without it, the UTC day.
 */
export const expiresWithin: RuleOperatorDef = {
  name: 'expires_within',
  evaluate(date, days, today) {
    if (typeof date !== 'string' || !date) return false;
    const from = typeof today === 'string' && today ? today.slice(0, 10) : todayIn('UTC');
    const until = addDays(from, Number(days));
    return date.slice(0, 10) >= from && date.slice(0, 10) <= until;
  },
  sql(date, days, today) {
    const from = today ? `(${today.sql})::date` : `(now() at time zone 'UTC')::date`;
    return {
      sql: `((${date.sql})::date between ${from} and ${from} + (${days.sql})::int)`,
      bindings: [...date.bindings, ...(today ? [...today.bindings, ...today.bindings] : []), ...days.bindings],
    };
  },
};
