import type { NewEvent } from '../events/index.js';
import type { Actor } from '../security/actor.js';
import type { HistoryAction } from './types.js';

/** The live event of a record change: for the record's readers, naming who changed it. */
export const recordChangedEvent = (entity: string, id: string, action: HistoryAction, actor: Pick<Actor, 'id' | 'name'>): Required<NewEvent> => ({
  topic: 'record.changed',
  audience: { record: { entity, id } },
  data: { entity, id, action, by: { id: actor.id, name: actor.name } },
});
