import { notFound } from '../../errors.js';
import type { LifecycleDocument, Transition } from '../../metadata/types.js';
import { lifecyclesOf } from '../../records/index.js';
import type { RecordContext } from '../../records/types.js';

/** The lifecycle and transition of an entity by the transition's name (404 when none). */
export const findTransition = (entity: string, name: string, ctx: RecordContext): { lifecycle: LifecycleDocument; transition: Transition } => {
  for (const lifecycle of lifecyclesOf(entity, ctx.meta).values()) {
    const transition = lifecycle.transitions.find((t) => t.name === name);
    if (transition) return { lifecycle, transition };
  }
  throw notFound(`"${entity}" has no transition "${name}"`);
};
