/** Test support: polls `probe` until it returns a value other than undefined, or fails after `ms`. */
export const until = async <T>(probe: () => Promise<T | undefined> | T | undefined, ms = 15_000, everyMs = 50): Promise<T> => {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};
