import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import type { StoredEvent } from '../../events/index.js';
import type { Actor } from '../../records/types.js';
import { mayReadRecord, readersOfRecord } from '../../work/index.js';

interface Batch {
  actors: Map<string, Actor>;
  started: boolean;
  readers?: Promise<Set<string>>;
  late: Map<string, Promise<boolean>>;
}

/** The open batches of read checks, one per event (the event objects are shared by the process's streams of a tenant). */
const batches = new WeakMap<StoredEvent, Batch>();

/**
 * Whether the actor may read the record a live event is about. The streams that get one
 * event ask in the same turn of the event loop, so their questions are gathered and
 * answered together (readersOfRecord: one transaction, one check per distinct user); one
 * that asks after the batch started is checked on its own.
 */
export const mayReadEventRecord = (knex: Knex, tenant: Tenant, actor: Actor, event: StoredEvent, record: { entity: string; id: string }): Promise<boolean> => {
  let batch = batches.get(event);
  if (!batch) {
    const fresh: Batch = { actors: new Map(), started: false, late: new Map() };
    fresh.readers = new Promise<Set<string>>((resolve, reject) =>
      setImmediate(() => {
        fresh.started = true;
        readersOfRecord(knex, tenant, [...fresh.actors.values()], record.entity, record.id).then(resolve, reject);
      }),
    );
    batches.set(event, fresh);
    batch = fresh;
  }
  if (batch.actors.has(actor.id) || !batch.started) {
    batch.actors.set(actor.id, batch.actors.get(actor.id) ?? actor);
    return batch.readers!.then((readers) => readers.has(actor.id));
  }
  if (!batch.late.has(actor.id)) batch.late.set(actor.id, mayReadRecord(knex, { tenant, actor }, record.entity, record.id));
  return batch.late.get(actor.id)!;
};
