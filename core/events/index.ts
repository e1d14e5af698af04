/**
 * core/events: live events. Published in the tenant transaction of the change (a row in
 * `_events`, numbered and announced by NOTIFY at commit), kept for a short replay window,
 * and fanned out by each process's hub to its open streams (GET /api/events).
 */
export { publishEvent, publishPluginEvent } from './publish-event.js';
export { readEvents, eventPosition } from './read-events.js';
export { listenEvents } from './listen-events.js';
export { createEventHub, type EventHub, type EventHubOptions, type EventSink } from './event-hub.js';
export { inAudience } from './audience.js';
export { sweepEvents, sweepAllEvents, EVENT_REPLAY_MS } from './sweep-events.js';
export { EVENTS_CHANNEL, ENGINE_TOPICS, type EventAudience, type NewEvent, type StoredEvent } from './types.js';
