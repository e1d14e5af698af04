import type { PropType } from 'vue';
import type { FieldDefinition } from '../api/types.js';

/** Props every field widget takes (the value itself is its v-model). */
export const widgetProps = {
  field: { type: Object as PropType<FieldDefinition>, required: true as const },
  name: { type: String, required: true as const },
  readonly: { type: Boolean, default: false },
  label: { type: String, default: '' },
  /** The whole record being edited, for widgets that depend on other fields (a dependent reference's picker). */
  record: { type: Object as PropType<Record<string, unknown>>, default: undefined },
};
