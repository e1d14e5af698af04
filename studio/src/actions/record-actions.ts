import type { Label, RecordData } from '../api/types.js';

/** One input an action asks for before it runs. */
export interface ActionParam {
  name: string;
  label: Label;
  required?: boolean;
  multiline?: boolean;
}

/** A record action the server offers at POST /api/records/:entity/:id/actions/:name. */
export interface RecordActionSpec {
  name: string;
  label: Label;
  params: ActionParam[];
  /** Whether the action makes sense for the record as it is now. */
  applies?: (record: RecordData) => boolean;
  /** Irreversible: drawn as a warning button. */
  danger?: boolean;
}

const notConfirmed = (r: RecordData): boolean => r.status !== 'confirmed';

/**
 * The record actions plugins register on the server, with the inputs they need, by
 * entity. /api/meta does not describe actions, so the app keeps their forms here; the
 * server still decides who may run them (the `<entity>.<action>` right).
 */
export const RECORD_ACTIONS: Readonly<Record<string, RecordActionSpec[]>> = {
  customer_loss: [
    {
      name: 'pause_churn',
      label: { en: 'Pause churn', 'zh-CN': '暂缓流失' },
      params: [{ name: 'measures', label: { en: 'Measures taken to keep the customer', 'zh-CN': '挽留措施' }, required: true, multiline: true }],
      applies: notConfirmed,
    },
    {
      name: 'confirm_churn',
      label: { en: 'Confirm churn', 'zh-CN': '确认流失' },
      params: [{ name: 'reason', label: { en: 'Reason for the churn', 'zh-CN': '流失原因' }, required: true, multiline: true }],
      applies: notConfirmed,
      danger: true,
    },
  ],
};

/** The actions of an entity that apply to `record` now. */
export const recordActionsFor = (entity: string, record: RecordData): RecordActionSpec[] =>
  (RECORD_ACTIONS[entity] ?? []).filter((a) => !a.applies || a.applies(record));

/** An action's label by name (for history entries). */
export const recordActionLabel = (entity: string, name: string): Label | undefined => RECORD_ACTIONS[entity]?.find((a) => a.name === name)?.label;
