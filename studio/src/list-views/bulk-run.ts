/** What happened to each item of a bulk operation. */
export interface BulkResult<T> {
  done: T[];
  failed: { item: T; error: unknown }[];
}

/**
 * Runs `work` on each item one after another (so the server sees one write at a time and a
 * failure stops nothing else), reporting progress after each.
 */
export const runEach = async <T>(items: T[], work: (item: T) => Promise<unknown>, progress?: (finished: number, total: number) => void): Promise<BulkResult<T>> => {
  const result: BulkResult<T> = { done: [], failed: [] };
  for (const [i, item] of items.entries()) {
    try {
      await work(item);
      result.done.push(item);
    } catch (error) {
      result.failed.push({ item, error });
    }
    progress?.(i + 1, items.length);
  }
  return result;
};
