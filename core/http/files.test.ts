import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

describe('files for attachment fields', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let a: ReturnType<typeof api>;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    tokenA = (await tenantWithAdmin(db, url, 'files_a')).token;
    tokenB = (await tenantWithAdmin(db, url, 'files_b')).token;
    a = api(url, tokenA);
    await a('PUT', '/api/studio/entity/visit', { kind: 'entity', name: 'visit', label: { en: 'Visit', 'zh-CN': '拜访' }, fields: { subject: { type: 'text' }, photos: { type: 'attachment', multiple: true } , scan: { type: 'attachment', maxSizeMb: 0.01, accept: ['.pdf', 'image/*'] } } });
    await a('POST', '/api/studio/publish', {});
  });
  afterAll(async () => server?.close());

  const upload = (token: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('stores an upload in the tenant, serves it back, and attaches it to a record', async () => {
    const bytes = Buffer.from('%PDF-1.4 合同扫描件 contract scan');
    const res = await upload(tokenA, bytes, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('合同 2026.pdf') });
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; name: string; size: number; type: string };
    expect(file).toMatchObject({ name: '合同 2026.pdf', size: bytes.length, type: 'application/pdf' });
    const got = await fetch(`${url}/api/files/${file.id}`, { headers: { authorization: `Bearer ${tokenA}` } });
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('合同 2026.pdf')}`);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    const visit = await a('POST', '/api/records/visit', { subject: '现场拜访', photos: [file] });
    expect(visit.status).toBe(201);
    expect(visit.body.photos[0].id).toBe(file.id);
    expect((await fetch(`${url}/api/files/${file.id}`, { headers: { authorization: `Bearer ${tokenB}` } })).status).toBe(404);
  });

  it('refuses an empty file, a missing name, a too large one, and anonymous uploads', async () => {
    expect((await upload(tokenA, '', { 'x-file-name': 'empty.txt', 'content-type': 'text/plain' })).status).toBe(400);
    expect((await upload(tokenA, 'data', { 'content-type': 'text/plain' })).status).toBe(400);
    const big = await upload(tokenA, Buffer.alloc(21 * 1024 * 1024, 1), { 'x-file-name': 'big.bin', 'content-type': 'application/octet-stream' });
    expect(big.status).toBe(413);
    expect((await fetch(`${url}/api/files`, { method: 'POST', headers: { 'x-file-name': 'a.txt' }, body: 'x' })).status).toBe(401);
    expect((await fetch(`${url}/api/files/not-an-id`, { headers: { authorization: `Bearer ${tokenA}` } })).status).toBe(404);
  });

  it('checks an upload for a field against its size and type limits', async () => {
    const forScan = (query: string, body: string, name: string, type: string) => fetch(`${url}/api/files?${query}`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'x-file-name': name, 'content-type': type }, body });
    const ok = await forScan('entity=visit&field=scan', 'small', 'scan.PDF', 'application/pdf');
    expect(ok.status).toBe(201);
    const photo = await forScan('entity=visit&field=scan', 'small', 'photo', 'image/png');
    expect(photo.status).toBe(201);
    const big = await forScan('entity=visit&field=scan', 'x'.repeat(11_000), 'scan.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 10 KB' });
    const exe = await forScan('entity=visit&field=scan', 'MZ', 'run.exe', 'application/x-msdownload');
    expect(exe.status).toBe(400);
    expect(await exe.json()).toMatchObject({ detail: 'This field takes only .pdf, image/* files', errors: [{ field: 'type', code: 'FILE_TYPE_NOT_ALLOWED' }] });
    expect((await forScan('entity=visit&field=subject', 'x', 'a.txt', 'text/plain')).status).toBe(400);
    expect((await forScan('entity=ghost&field=scan', 'x', 'a.txt', 'text/plain')).status).toBe(404);
    expect((await forScan('entity=visit', 'x', 'a.txt', 'text/plain')).status).toBe(400);
  });
});
