import type PgBoss from 'pg-boss';

export interface JobLoop {
  /** Jobs may be waiting (the relay moved some): fetch now rather than at the next poll. */
  wake(): void;
  /** Stops fetching and waits for the jobs under way and their completion. */
  stop(): Promise<void>;
}

export interface JobLoopOptions {
  /** Jobs handled at once. */
  concurrency: number;
  /** Longest wait of an idle loop between fetches. */
  pollMs: number;
  onError: (e: unknown) => void;
}

/**
 * Takes one queue's jobs with up to `concurrency` of them under way: each fetch claims as
 * many jobs as there are free places, in one round trip, and `handle` starts them all at
 * once (one promise per job). A job frees its place when it ends, so a slow one (a webhook
 * waiting on its receiver) holds only its own. Jobs that end in the same turn are
 * completed in one statement; a job whose promise rejects is failed, for the queue's
 * retry. The loop fetches again when places free up while the queue had more, when woken,
 * or every `pollMs`.
 */
export const startJobLoop = <T extends object>(
  boss: PgBoss,
  queue: string,
  opts: JobLoopOptions,
  handle: (jobs: PgBoss.JobWithMetadata<T>[]) => Promise<unknown>[],
): JobLoop => {
  let inflight = 0;
  let stopped = false;
  let woken = false;
  let more = false;
  let wakeUp: (() => void) | undefined;
  const pending = new Set<Promise<unknown>>();
  let finished: string[] = [];
  let flush: Promise<void> | undefined;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      wakeUp = done;
    });
  const track = <P>(p: Promise<P>): Promise<P> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined); // the promise's own handlers report its failure
    return p;
  };
  const complete = (id: string) => {
    finished.push(id);
    flush ??= track(
      new Promise<void>((r) => setImmediate(r)).then(async () => {
        const ids = finished;
        finished = [];
        flush = undefined;
        await boss.complete(queue, ids).catch(opts.onError);
      }),
    );
  };
  const ended = () => {
    inflight--;
    if (more || inflight === opts.concurrency - 1) wake();
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      woken = false;
      const free = opts.concurrency - inflight;
      if (free > 0) {
        let jobs: PgBoss.JobWithMetadata<T>[] = [];
        try {
          jobs = (await boss.fetch<T>(queue, { batchSize: free, includeMetadata: true })) ?? [];
        } catch (e) {
          opts.onError(e);
        }
        more = jobs.length === free;
        // Jobs fetched are handled even when the loop is stopping (stop waits for them): a job left active would wait for the lease sweep.
        if (jobs.length) {
          inflight += jobs.length;
          handle(jobs).forEach((p, i) => {
            const id = jobs[i].id;
            track(
              p.then(
                () => complete(id),
                (e: unknown) => boss.fail(queue, id, { message: e instanceof Error ? e.message : String(e) }).catch(opts.onError),
              ).finally(ended),
            );
          });
        }
        if (more) continue;
      }
      if (!stopped) await sleep(opts.pollMs);
      // Let the jobs that end in this turn free their places before the next fetch.
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  const running = loop();

  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await running;
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
};
