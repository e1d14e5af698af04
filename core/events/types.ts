/**
 * Who an event is meant for, inside its tenant: a user, several users, the holders of a
 * role, or whoever may read a record (checked through the record service as each reader).
 */
export type EventAudience =
  | { user: string }
  | { users: string[] }
  | { role: string }
  | { record: { entity: string; id: string } };

/** An event to publish: a topic (`record.changed`, `notification`, a plugin's `<plugin>.<name>`), its audience and data. */
export interface NewEvent {
  topic: string;
  audience: EventAudience;
  data?: Record<string, unknown>;
}

/** An event as stored and streamed: `seq` is its place in the tenant's delivery order (the SSE id). */
export interface StoredEvent {
  seq: number;
  at: string;
  topic: string;
  audience: EventAudience;
  data: Record<string, unknown>;
}

/** Topics the engine itself publishes; plugins publish others. */
export const ENGINE_TOPICS = ['record.changed', 'notification', 'approval.requested'] as const;

/** The NOTIFY channel; the payload is the tenant's schema name. */
export const EVENTS_CHANNEL = 'crm_events';
