/**
 * Reads the first `count` bytes of a stream (fewer when it is shorter) and answers them
 * with the whole stream again, those bytes included, for reading on.
 */
export const peekBytes = async (input: AsyncIterable<Buffer | string>, count: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> => {
  const it = input[Symbol.asyncIterator]();
  const read: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < count) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    read.push(chunk);
    size += chunk.length;
  }
  async function* stream(): AsyncGenerator<Buffer> {
    yield* read;
    if (ended) return;
    try {
      for (let next = await it.next(); !next.done; next = await it.next()) yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    } finally {
      await it.return?.();
    }
  }
  return { head: Buffer.concat(read).subarray(0, count), stream: stream() };
};
