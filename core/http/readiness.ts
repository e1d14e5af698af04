/**
 * What the readiness probe asks of the server besides the database: whether it has
 * started everything it runs, whether it is draining (shutting down), and whether its
 * in-process workflow worker runs (undefined when this process runs none).
 */
export interface Readiness {
  started: boolean;
  draining: boolean;
  workflowWorker?: () => boolean;
}

/** A readiness for an app served on its own (tests, embedding): started, not draining, no worker. */
export const startedReadiness = (): Readiness => ({ started: true, draining: false });
