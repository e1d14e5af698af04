import { reactive } from 'vue';

/** What the app shows about the device's copy: reachable or not, what waits to be sent, ready for offline work. */
export const syncState = reactive({
  /** The last request could not reach the server (or the browser says it is offline). */
  offline: typeof navigator !== 'undefined' && navigator.onLine === false,
  /** Changes waiting in the outbox, and those of them that need the user (conflict or refused). */
  pending: 0,
  attention: 0,
  /** The working set is on the device and the app's code is cached: it starts and works without a network. */
  ready: false,
  /** Records of the working set on the device. */
  records: 0,
  syncing: false,
  /** A new version of the app is waiting; it is used from the next start. */
  updateReady: false,
});
