/** A Server-Sent Events client for tests and the bench: GET /api/events, frames parsed as they come. */
export interface ReceivedEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
  /** performance.now() when the frame was parsed. */
  receivedAt: number;
}

export interface EventStream {
  status: number;
  events: ReceivedEvent[];
  /** Resolves with the first event (from `from` on) that matches, or rejects at the deadline. */
  next(match: (e: ReceivedEvent) => boolean, opts?: { timeoutMs?: number; from?: number }): Promise<ReceivedEvent>;
  /** The id of the last frame that had one. */
  lastId(): string | undefined;
  /** Problem body when the stream was refused. */
  problem?: Record<string, unknown>;
  close(): void;
  closed: Promise<void>;
}

const parseFrame = (text: string): Omit<ReceivedEvent, 'receivedAt'> | undefined => {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const [field, value] = i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')];
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return undefined;
  return { id, event, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
};

export const openEventStream = async (
  url: string,
  token: string,
  opts: { watch?: string; lastEventId?: string; onEvent?: (e: ReceivedEvent) => void } = {},
): Promise<EventStream> => {
  const abort = new AbortController();
  const query = new URLSearchParams();
  if (opts.watch) query.set('watch', opts.watch);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const res = await fetch(`${url}/api/events${query.size ? `?${query}` : ''}`, { headers, signal: abort.signal });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let last: string | undefined;
  const stream: EventStream = {
    status: res.status,
    events,
    lastId: () => last,
    close: () => abort.abort(),
    closed: Promise.resolve(),
    next: (match, { timeoutMs = 10_000, from = 0 } = {}) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
  };
  if (!res.ok || !res.body) {
    stream.problem = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.closed = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let start = 0;
        let end: number;
        while ((end = buffer.indexOf('\n\n', start)) >= 0) {
          const frame = parseFrame(buffer.slice(start, end));
          start = end + 2;
          if (!frame) continue;
          const e = { ...frame, receivedAt: performance.now() };
          if (e.id) last = e.id;
          events.push(e);
          opts.onEvent?.(e);
          for (const w of [...waiters]) w();
        }
        buffer = buffer.slice(start);
      }
    } catch {
      /* aborted: the stream is over */
    }
  })();
  return stream;
};
