import type { Component } from 'vue';
import type { MetaEntity } from '../api/types.js';

/**
 * A section a feature adds to record pages (the 360° view): a tab drawn by its own
 * component, which gets `entityName` and `id` as props. A feature contributes sections by
 * exporting `sections` from a `record-sections.ts` file in its folder
 * (studio/src/<feature>/record-sections.ts); the record page finds them by that name, so it
 * names none of them. `applies` sees the user's metadata: a section whose entities are not
 * installed, or not readable, is not shown.
 */
export interface RecordSection {
  /** Unique across features: `<feature>.<name>`. */
  key: string;
  /** The tab's i18n key. */
  labelKey: string;
  /** Tabs are ordered by this (then key); the built-in tabs come first. */
  order: number;
  applies(entityName: string, entities: Record<string, MetaEntity>): boolean;
  component: () => Promise<Component | { default: Component }>;
}

const modules = import.meta.glob<{ sections: RecordSection[] }>('../*/record-sections.ts', { eager: true });

/** Every contributed section, in order. */
export const ALL_SECTIONS: RecordSection[] = Object.values(modules)
  .flatMap((m) => m.sections ?? [])
  .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));

/** The sections a record page of `entityName` shows. */
export const sectionsFor = (entityName: string, entities: Record<string, MetaEntity>, all: RecordSection[] = ALL_SECTIONS): RecordSection[] =>
  all.filter((s) => s.applies(entityName, entities));

/** Whether `source` has a reference field to `target` (a section of `source` records applies to `target` pages). */
export const refersTo = (entities: Record<string, MetaEntity>, source: string, target: string): boolean =>
  Object.values(entities[source]?.fields ?? {}).some((f) => f.type === 'reference' && (f as { entity?: string }).entity === target);
