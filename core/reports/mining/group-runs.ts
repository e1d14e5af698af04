/**
 * Groups a stream of rows sorted by a key into runs of equal keys, one run at a time: a
 * basket of lines per order, the orders of one subject. Memory holds one run, not the stream.
 */
export async function* groupRuns<R, V>(rows: AsyncIterable<R> | Iterable<R>, key: (row: R) => string | null, value: (row: R) => V): AsyncGenerator<{ key: string; values: V[] }> {
  let current: string | null = null;
  let values: V[] = [];
  for await (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    if (k !== current) {
      if (current !== null && values.length) yield { key: current, values };
      current = k;
      values = [];
    }
    values.push(value(row));
  }
  if (current !== null && values.length) yield { key: current, values };
}
