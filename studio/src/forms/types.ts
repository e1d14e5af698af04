import type { Component } from 'vue';
import type { FieldDefinition, Label } from '../api/types.js';
import type { RelatedList } from '../../../core/metadata/types.js';

export type { RelatedList };

/** Widget components by field type; `unsupported` is used for a type without a widget. */
export type WidgetRegistry = Record<string, Component>;

export type FormMode = 'view' | 'create' | 'edit';

export interface FormItemLayout {
  name: string;
  field: FieldDefinition;
  label?: Label;
  widget: Component;
  /** Columns the item spans in its section (1…columns). */
  span: number;
  required: boolean;
  readonly: boolean;
}

export interface FormSectionLayout {
  name: string;
  label?: Label;
  /** i18n key of the title when the section has no label of its own. */
  labelKey?: string;
  columns: number;
  collapsed: boolean;
  items: FormItemLayout[];
  relatedList?: RelatedList;
}

export interface FormTabLayout {
  name: string;
  label: Label;
  sections: FormSectionLayout[];
}

/** What a record form shows: sections (some inside tabs) of placed fields, and related lists. */
export interface FormLayout {
  sections: FormSectionLayout[];
  tabs: FormTabLayout[];
}

/** A message for one field: an i18n key with parameters, or a text from metadata. */
export interface FieldMessage {
  field: string;
  key?: string;
  params?: Record<string, string | number>;
  text?: Label | string;
}
