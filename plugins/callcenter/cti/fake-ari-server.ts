import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake Asterisk for the ARI adapter's contract suite: the REST resources and events the
 * adapter uses, shaped as Asterisk's ARI documentation gives them. Extensions answer by
 * themselves; dialled numbers answer as the next behaviour says.
 */
export class FakeAriServer {
  private server?: Server;
  private readonly sockets = new Set<WebSocket>();
  private readonly channels = new Map<string, { bridge?: string; digits: string[] }>();
  private readonly bridges = new Map<string, string[]>();
  private seq = 0;
  next: 'human' | 'machine' | 'busy' = 'human';
  readonly requests: string[] = [];
  constructor(readonly extensions: string[]) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.requests.push(`${req.method} ${url.pathname}`);
      const answer = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (req.headers.authorization !== `Basic ${Buffer.from('crm:secret').toString('base64')}`) return answer(401, { message: 'Authentication required' });
      try {
        answer(...this.route(req.method ?? 'GET', url));
      } catch {
        answer(404, { message: 'Channel not found' });
      }
    });
    const wss = new WebSocketServer({ server, path: '/ari/events' });
    wss.on('connection', (ws, req) => {
      if (!new URL(req.url ?? '/', 'http://x').searchParams.get('api_key')) return ws.close();
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private send(type: string, body: Record<string, unknown>): void {
    const json = JSON.stringify({ type, application: 'crm', timestamp: new Date().toISOString(), ...body });
    setImmediate(() => {
      for (const s of this.sockets) s.send(json);
    });
  }

  private channel(id: string, extra: Record<string, unknown> = {}) {
    return { id, name: `PJSIP/${id}`, state: 'Up', caller: { number: '', name: '' }, dialplan: { context: 'from-trunk', exten: '', priority: 1 }, ...extra };
  }

  /** A caller rings in: the channel enters the Stasis application. */
  callIn(ani: string, dnis: string, digits: string[] = []): string {
    const id = `${1700000000 + ++this.seq}.${this.seq}`;
    this.channels.set(id, { digits: [...digits] });
    this.send('StasisStart', { args: [], channel: this.channel(id, { name: `PJSIP/trunk-${this.seq}`, state: 'Ring', caller: { number: ani, name: '' }, dialplan: { context: 'from-trunk', exten: dnis, priority: 1 } }) });
    return id;
  }

  hangUp(id: string, cause = 16): void {
    const ch = this.channels.get(id);
    if (!ch) throw new Error('no channel');
    this.channels.delete(id);
    if (ch.bridge) this.send('RecordingFinished', { recording: { name: `call-${id}`, format: 'wav', state: 'done', target_uri: `bridge:${ch.bridge}` } });
    this.send('ChannelDestroyed', { cause, cause_txt: cause === 17 ? 'User busy' : 'Normal Clearing', channel: this.channel(id) });
  }

  private route(method: string, url: URL): [number, unknown?] {
    const parts = url.pathname.split('/').filter(Boolean).slice(1);
    const q = url.searchParams;
    if (method === 'POST' && parts.join('/') === 'channels') return [200, this.originate(q.get('endpoint')!, q.get('channelId') ?? `o-${++this.seq}`, q.get('variables') ?? '')];
    if (method === 'POST' && parts.join('/') === 'bridges') {
      const id = `bridge-${++this.seq}`;
      this.bridges.set(id, []);
      return [200, { id, technology: 'simple_bridge', bridge_type: q.get('type') ?? 'mixing', channels: [] }];
    }
    if (parts[0] === 'bridges') {
      if (!this.bridges.has(parts[1])) throw new Error('no bridge');
      if (parts[2] === 'addChannel') for (const c of (q.get('channel') ?? '').split(',')) this.channels.get(c) && (this.channels.get(c)!.bridge = parts[1]);
      return parts[2] === 'record' ? [201, { name: q.get('name'), state: 'recording' }] : [204];
    }
    if (parts[0] !== 'channels') throw new Error('unknown');
    const id = parts[1];
    const ch = this.channels.get(id);
    if (!ch) throw new Error('no channel');
    if (method === 'DELETE' && parts.length === 2) return this.hangUp(id), [204];
    if (parts[2] === 'answer') return this.send('ChannelStateChange', { channel: this.channel(id, { state: 'Up' }) }), [204];
    if (parts[2] === 'hold') return this.send(method === 'POST' ? 'ChannelHold' : 'ChannelUnhold', { channel: this.channel(id) }), [204];
    if (parts[2] === 'play') {
      for (const digit of ch.digits.shift() ?? '') this.send('ChannelDtmfReceived', { digit, duration_ms: 100, channel: this.channel(id) });
      return [201, { id: `playback-${++this.seq}`, media_uri: q.get('media'), state: 'queued' }];
    }
    throw new Error('unknown');
  }

  private originate(endpoint: string, id: string, variables: string) {
    const target = endpoint.split('/')[1];
    this.channels.set(id, { digits: [] });
    const ch = this.channel(id, { state: 'Down', dialplan: { context: 'crm', exten: target, priority: 1 } });
    this.send('ChannelStateChange', { channel: { ...ch, state: 'Ringing' } });
    if (this.extensions.includes(target) || this.next !== 'busy') {
      this.send('ChannelStateChange', { channel: { ...ch, state: 'Up' } });
      // AMD() sets AMDSTATUS to MACHINE or HUMAN once it has listened to the callee.
      if (!this.extensions.includes(target) && variables.includes('AMD')) this.send('ChannelVarset', { variable: 'AMDSTATUS', value: this.next === 'machine' ? 'MACHINE' : 'HUMAN', channel: ch });
    } else setImmediate(() => this.hangUp(id, 17));
    return ch;
  }
}
