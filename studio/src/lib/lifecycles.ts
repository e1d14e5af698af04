import type { LifecycleDocument } from '../api/types.js';

/** The lifecycles that drive fields of `entity`. */
export const lifecyclesOf = (lifecycles: Record<string, LifecycleDocument> | undefined, entity: string): LifecycleDocument[] =>
  Object.values(lifecycles ?? {}).filter((l) => l.entity === entity);

/** Fields that change only through transitions (read-only in forms, never sent). */
export const stateFieldsOf = (lifecycles: Record<string, LifecycleDocument> | undefined, entity: string): ReadonlySet<string> =>
  new Set(lifecyclesOf(lifecycles, entity).map((l) => l.field));

/** A transition's label by name, from the entity's lifecycles. */
export const transitionLabel = (lifecycles: Record<string, LifecycleDocument> | undefined, entity: string, name: string) =>
  lifecyclesOf(lifecycles, entity)
    .flatMap((l) => l.transitions)
    .find((t) => t.name === name)?.label;
