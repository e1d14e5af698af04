import type { BeforeHook } from '../../../core/index.js';
import { wrapUpEnd } from '../routing/agents.js';
import { routingConfigChanged } from '../routing/routing-config.js';

/**
 * An agent going into wrap-up is idle from the end of its timer: `idle_since` is set to it,
 * so routing finds the agents free now (available, or past their wrap-up) in one indexed
 * statement, in the queue's order.
 */
export const idleAfterWrapUp: BeforeHook = (event) => {
  const { data, old } = event;
  const entering = data.state === 'wrap_up' && (old?.state !== 'wrap_up' || data.state_since !== undefined || data.wrap_up_seconds !== undefined);
  if (!entering || data.idle_since !== undefined) return;
  data.idle_since = wrapUpEnd(data.state_since ?? old?.state_since, data.wrap_up_seconds ?? old?.wrap_up_seconds, Date.now());
};

/** A routing rule, queue or skill written: the routing configuration cached in this process is read again. */
export const dropRoutingConfig = (): void => routingConfigChanged();
