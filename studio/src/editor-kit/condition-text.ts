import type { MetaEntity } from '../api/types.js';
import { logicToFilter } from '../lib/filter-logic.js';
import { fieldLabel } from '../lib/label.js';

type Translate = (key: string) => string;

const valueText = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : v === null || v === undefined ? '' : String(v));

/** A condition in words ("Stage is won and Amount greater than 1000"), or its compact JSON when the builder cannot show it. */
export const conditionText = (logic: unknown, entity: MetaEntity | undefined, t: Translate, locale: string): string => {
  if (logic === undefined || logic === null) return '';
  const state = logicToFilter(logic);
  if (!state || !state.rows.length) {
    const json = JSON.stringify(logic);
    return json.length > 120 ? `${json.slice(0, 119)}…` : json;
  }
  const join = ` ${t(`editorKit.condition.${state.combinator}`)} `;
  return state.rows.map((r) => [fieldLabel(entity, r.field, locale), t(`filter.ops.${r.op}`), valueText(r.value)].filter(Boolean).join(' ')).join(join);
};
