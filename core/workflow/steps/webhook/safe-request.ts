import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { problem } from '../../../errors.js';
import { allowList, isPrivateAddress } from './address-policy.js';

export interface SafeResponse {
  status: number;
  body: string;
  url: string;
}

const refused = (host: string, address: string) =>
  problem('WEBHOOK_TARGET_REFUSED', { host, address });

/**
 * A `lookup` for http.request that resolves the name itself and refuses it when any of
 * its addresses is private (unless allowed). The connection goes to the address checked
 * here, so a second, different DNS answer cannot slip through.
 */
const guardedLookup = (allowed: ReturnType<typeof allowList>): LookupFunction => (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as unknown as { address: string; family: number }[];
    const bad = allowed.host(hostname) ? undefined : list.find((a) => isPrivateAddress(a.address) && !allowed.address(a.address));
    if (bad) return callback(refused(hostname, bad.address) as unknown as NodeJS.ErrnoException, '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

const once = (url: URL, init: { method: string; headers: Record<string, string>; body?: string }, allowed: ReturnType<typeof allowList>, timeoutMs: number): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isPrivateAddress(host) && !allowed.address(host) && !allowed.host(host)) return reject(refused(host, host));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method, headers: init.headers, lookup: guardedLookup(allowed), timeout: timeoutMs }, resolve);
    req.on('timeout', () => req.destroy(problem('WEBHOOK_TIMEOUT', { host: url.host, ms: timeoutMs })));
    req.on('error', reject);
    req.end(init.body);
  });

const readBody = (res: IncomingMessage, max: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, max)));
    res.on('error', reject);
  });

/**
 * An outbound HTTP request that only reaches public addresses (or allowed ones), checked
 * on every redirect (at most 5; 307/308 keep method and body, others become GET).
 */
export const safeRequest = async (
  target: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  opts: { allow: string[]; timeoutMs?: number; maxResponseBytes?: number },
): Promise<SafeResponse> => {
  const allowed = allowList(opts.allow);
  let url = new URL(target);
  let current = init;
  for (let hop = 0; hop <= 5; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem('WEBHOOK_URL', { protocol: url.protocol });
    const res = await once(url, current, allowed, opts.timeoutMs ?? 10_000);
    const location = res.headers.location;
    if (res.statusCode && [301, 302, 303, 307, 308].includes(res.statusCode) && location) {
      res.resume();
      url = new URL(location, url);
      if (![307, 308].includes(res.statusCode)) current = { method: 'GET', headers: Object.fromEntries(Object.entries(current.headers).filter(([k]) => k.toLowerCase() !== 'content-type')) };
      continue;
    }
    return { status: res.statusCode ?? 0, body: await readBody(res, opts.maxResponseBytes ?? 4096), url: url.toString() };
  }
  throw problem('WEBHOOK_REDIRECTS');
};
