/**
 * The raw baseline: node:http and a pg Pool serving the deal routes of the API with
 * hand-written SQL (raw-sql.ts). No framework, no metadata, no transaction set-up: the
 * bearer token is looked up in a constant map given at start (BENCH_RAW_TENANTS); the
 * own-scoped user's entry lists only its rows (owner_id = the user), and is meant for
 * lists only.
 * Runs as a child process of bench/run.ts and sends { url } when listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { textParsers } from '../core/db/type-parsers.js';
import { ENTITY, LIST_SORT } from './entity.js';
import { checkPatch, HttpError, listParams, readJson } from './raw-input.js';
import { createSql, getSql, listSql, updateSql, versionSql } from './raw-sql.js';

export interface RawTenant {
  schema: string;
  userId: string;
  /** An own-scoped user: lists only the rows it owns. */
  ownOnly?: boolean;
}

const tenants = new Map(Object.entries(JSON.parse(process.env.BENCH_RAW_TENANTS ?? '{}') as Record<string, RawTenant>));
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (format !== 'binary' && textParsers[oid]) || pg.types.getTypeParser(oid, format as 'text') };
const pool = new pg.Pool({ connectionString: process.env.BENCH_DB_URL, max: Number(process.env.BENCH_POOL ?? 10), types, options: '-c TimeZone=UTC' });

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

const record = (row: Record<string, unknown>): Record<string, unknown> => {
  const { _k0: _, ...rest } = row;
  return rest;
};

const withEtag = (res: ServerResponse, status: number, row: Record<string, unknown>) => send(res, status, record(row), { etag: `"${String(row.version)}"` });

const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const tenant = tenants.get(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  if (!tenant) throw new HttpError(401, 'Sign in first');
  const url = new URL(req.url ?? '/', 'http://raw');
  const [, api, records, entity, id, extra] = url.pathname.split('/');
  if (api !== 'api' || records !== 'records' || entity !== ENTITY || extra !== undefined) throw new HttpError(404, 'No such route');
  const { schema, userId, ownOnly } = tenant;
  if (id === undefined && req.method === 'GET') {
    const { minAmount, limit } = listParams(url.searchParams);
    const { rows } = await pool.query(listSql(schema, ownOnly), ownOnly ? [minAmount, limit + 1, userId] : [minAmount, limit + 1]);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    const nextCursor = last ? Buffer.from(JSON.stringify({ s: `${LIST_SORT},id`, v: [last._k0], id: last.id })).toString('base64url') : null;
    return send(res, 200, { data: rows.slice(0, limit).map(record), nextCursor });
  }
  if (id === undefined && req.method === 'POST') {
    const input = checkPatch(await readJson(req), true);
    const { rows } = await pool.query(createSql(schema), [uuidv7(), userId, input.title, input.amount ?? null, input.stage ?? null]);
    return withEtag(res, 201, rows[0]);
  }
  if (id === undefined || !/^[0-9a-f-]{36}$/i.test(id)) throw new HttpError(404, `No ${ENTITY} with id ${String(id)}`);
  if (req.method === 'GET') {
    const { rows } = await pool.query(getSql(schema), [id]);
    if (!rows.length) throw new HttpError(404, `No ${ENTITY} with id ${id}`);
    return withEtag(res, 200, rows[0]);
  }
  if (req.method === 'PATCH') {
    const ifMatch = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(req.headers['if-match'] ?? '').trim())?.[1];
    if (!ifMatch) throw new HttpError(428, 'Send If-Match: <version>');
    const patch = checkPatch(await readJson(req), false);
    const fields = Object.keys(patch) as (keyof typeof patch)[];
    const { rows } = await pool.query(updateSql(schema, fields), [id, userId, Number(ifMatch), ...fields.map((f) => patch[f])]);
    if (rows.length) return withEtag(res, 200, rows[0]);
    const current = await pool.query(versionSql(schema), [id]);
    if (!current.rows.length) throw new HttpError(404, `No ${ENTITY} with id ${id}`);
    throw new HttpError(409, 'Changed by someone else', { currentVersion: current.rows[0].version });
  }
  throw new HttpError(405, 'Method not allowed');
};

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    const err = e instanceof HttpError ? e : new HttpError(500, 'Internal error');
    if (!(e instanceof HttpError)) console.error(e);
    send(res, err.status, { status: err.status, detail: err.message, ...err.details }, { 'content-type': 'application/problem+json' });
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on('message', (m) => {
  if (m !== 'stop') return;
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
});
