/**
 * Resolves once SIGINT or SIGTERM arrived and `stop` finished: in-flight requests end,
 * the database closes. A second signal exits at once.
 */
export const stopOnSignals = (stop: () => Promise<void>): Promise<void> =>
  new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stderr.write(`\n${signal}: finishing open requests…\n`);
      stop()
        .catch((e) => process.stderr.write(`error while stopping: ${(e as Error).message}\n`))
        .finally(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve();
        });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
