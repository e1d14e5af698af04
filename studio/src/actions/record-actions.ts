import { ruleAccepts } from '../../../core/rules/evaluate.js';
import type { Rule } from '../../../core/rules/types.js';
import type { Label, MetaEntity } from '../api/types.js';

/** The input types an action may ask for (as /api/meta publishes them). */
export type ActionInputType = 'text' | 'long_text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'user';

/** A record action as GET /api/meta lists it on an entity. */
export interface MetaAction {
  name: string;
  label?: Label;
  input?: Record<string, { type: ActionInputType; label?: Label; required?: boolean }>;
  /** Whether the signed-in user holds the `<entity>.<action>` right. */
  allowed?: boolean;
  /** The records it applies to (json-logic): it is offered only on those. */
  when?: Record<string, unknown>;
}

/** One input an action asks for before it runs. */
export interface ActionParam {
  name: string;
  label: Label;
  type: ActionInputType;
  required?: boolean;
  multiline?: boolean;
}

/** A record action the server offers at POST /api/records/:entity/:id/actions/:name. */
export interface RecordActionSpec {
  name: string;
  label: Label;
  params: ActionParam[];
}

const titled = (name: string): Label => {
  const text = name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return { en: text, 'zh-CN': text };
};

/** The dialog of one action, drawn from its `input`. */
export const actionSpec = (a: MetaAction): RecordActionSpec => ({
  name: a.name,
  label: a.label ?? titled(a.name),
  params: Object.entries(a.input ?? {}).map(([name, p]) => ({ name, label: p.label ?? titled(name), type: p.type, required: p.required, multiline: p.type === 'long_text' })),
});

/** Whether an action applies to the record (its `when`; a rule that cannot be read on it does not). */
const appliesTo = (a: MetaAction, record: Record<string, unknown> | undefined): boolean => {
  if (!a.when || !record) return true;
  try {
    return ruleAccepts(a.when as Rule, record);
  } catch {
    return false;
  }
};

/**
 * The actions /api/meta publishes on an entity that the user may run (those not `allowed` are left out) and, given the
 * record, that apply to it (those whose `when` does not accept it are not offered).
 */
export const recordActionsOf = (entity: MetaEntity | undefined, record?: Record<string, unknown>): RecordActionSpec[] =>
  (entity?.actions ?? []).filter((a) => a.allowed !== false && appliesTo(a, record)).map(actionSpec);

/** An action's label by name (for history entries), allowed or not. */
export const recordActionLabel = (entity: MetaEntity | undefined, name: string): Label | undefined => entity?.actions?.find((a) => a.name === name)?.label;
