import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the sink answers: a status (and headers), or `hold` to leave the request hanging. */
export type SinkAnswer = { status: number; headers?: Record<string, string> } | { hold: true };

/** Test support: an HTTP server on 127.0.0.1 that records requests and answers with `answer(path, count)`. */
export const httpSink = async (answer: (path: string, n: number) => SinkAnswer = () => ({ status: 200 })) => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = answer(req.url ?? '', received.filter((r) => r.path === req.url).length);
      if (!('hold' in a)) res.writeHead(a.status, a.headers).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { received, port, close };
};
