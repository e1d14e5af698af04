import type { CtiEvent, CtiListener } from './contract.js';

type Omitted<E> = E extends CtiEvent ? Omit<E, 'at'> : never;
export type CtiEventInput = Omitted<CtiEvent>;

/** The listener list every adapter keeps: `emit` stamps the time and calls each listener. */
export class CtiEmitter {
  private readonly listeners = new Set<CtiListener>();
  constructor(private readonly now: () => number = Date.now) {}

  onEvent(listener: CtiListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CtiEventInput): void {
    const stamped = { ...event, at: new Date(this.now()).toISOString() } as CtiEvent;
    for (const l of this.listeners) l(stamped);
  }
}
