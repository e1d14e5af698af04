import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { sweepAllTenantFiles, sweepFiles, UNATTACHED_FILE_TTL_MS } from '../files/index.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const HOUR = 60 * 60 * 1000;

const visit = {
  kind: 'entity', name: 'visit', label: { en: 'Visit', 'zh-CN': '拜访' },
  fields: {
    subject: { type: 'text' },
    photos: { type: 'attachment', multiple: true, maxFiles: 2 },
    scan: { type: 'attachment', maxSizeMb: 0.01, accept: ['.pdf', 'image/*'] },
    secret: { type: 'attachment' },
  },
};
/** Reps see and change their own visits, but not their `secret` files. */
const rep = { kind: 'role', name: 'rep', label: { en: 'Rep', 'zh-CN': '销售代表' }, entities: { visit: { create: true, read: 'own', update: 'own', delete: 'own', fields: { secret: 'hidden' } } } };

interface Stored { id: string; name: string; size: number; type: string }

describe('files for attachment fields', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let tenant: Tenant;
  let a: ReturnType<typeof api>;
  let tokenA: string;
  let tokenB: string;
  const users: Record<'rep1' | 'rep2' | 'nobody', { id: string; token: string; call: ReturnType<typeof api> }> = {} as never;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    ({ tenant, token: tokenA } = await tenantWithAdmin(db, url, 'files_a'));
    tokenB = (await tenantWithAdmin(db, url, 'files_b')).token;
    a = api(url, tokenA);
    await a('PUT', '/api/studio/entity/visit', visit);
    await a('PUT', '/api/studio/role/rep', rep);
    await a('POST', '/api/studio/publish', {});
    for (const [name, roles] of [['rep1', ['rep']], ['rep2', ['rep']], ['nobody', []]] as const) {
      const email = `${name}@files.test`;
      const made = await a('POST', '/api/users', { email, password: 'Files-Pass-2026', name, roles });
      const token = (await api(url)('POST', '/api/auth/login', { tenant: 'files_a', email, password: 'Files-Pass-2026' })).body.token as string;
      users[name] = { id: made.body.id, token, call: api(url, token) };
    }
  });
  afterAll(async () => server?.close());

  const upload = (token: string, body: Buffer | string, headers: Record<string, string>, query = 'entity=visit&field=photos') =>
    fetch(`${url}/api/files${query ? `?${query}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const stored = async (token: string, name: string, query?: string, body = `bytes of ${name}`, type = 'text/plain'): Promise<Stored> => {
    const res = await upload(token, body, { 'content-type': type, 'x-file-name': encodeURIComponent(name) }, query);
    expect(res.status, name).toBe(201);
    return (await res.json()) as Stored;
  };
  const download = (token: string, id: string) => fetch(`${url}/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const status = async (token: string, id: string) => (await download(token, id)).status;

  it('stores an upload in the tenant, serves it back, and attaches it to a record', async () => {
    const bytes = Buffer.from('%PDF-1.4 合同扫描件 contract scan');
    const res = await upload(tokenA, bytes, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('合同 2026.pdf') });
    expect(res.status).toBe(201);
    const file = (await res.json()) as Stored;
    expect(file).toMatchObject({ name: '合同 2026.pdf', size: bytes.length, type: 'application/pdf' });
    const got = await download(tokenA, file.id);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('合同 2026.pdf')}`);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    // What the client says about a file is replaced by what is stored.
    const made = await a('POST', '/api/records/visit', { subject: '现场拜访', photos: [{ ...file, name: 'renamed.exe', size: 1 }] });
    expect(made.status).toBe(201);
    expect(made.body.photos).toEqual([{ ...file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(await status(tokenA, file.id)).toBe(200);
    expect(await status(tokenB, file.id)).toBe(404);
  });

  it('refuses an empty file, a missing name, a too large one, and anonymous uploads', async () => {
    expect((await upload(tokenA, '', { 'x-file-name': 'empty.txt', 'content-type': 'text/plain' })).status).toBe(400);
    expect((await upload(tokenA, 'data', { 'content-type': 'text/plain' })).status).toBe(400);
    const big = await upload(tokenA, Buffer.alloc(21 * 1024 * 1024, 1), { 'x-file-name': 'big.bin', 'content-type': 'application/octet-stream' });
    expect(big.status).toBe(413);
    expect((await fetch(`${url}/api/files?entity=visit&field=photos`, { method: 'POST', headers: { 'x-file-name': 'a.txt' }, body: 'x' })).status).toBe(401);
    expect(await status(tokenA, 'not-an-id')).toBe(404);
  });

  it('checks an upload for a field against its size and type limits', async () => {
    const forScan = (query: string, body: string, name: string, type: string) => upload(tokenA, body, { 'x-file-name': name, 'content-type': type }, query);
    const ok = await forScan('entity=visit&field=scan', 'small', 'scan.PDF', 'application/pdf');
    expect(ok.status).toBe(201);
    const photo = await forScan('entity=visit&field=scan', 'small', 'photo', 'image/png');
    expect(photo.status).toBe(201);
    const big = await forScan('entity=visit&field=scan', 'x'.repeat(11_000), 'scan.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 10 KB.' });
    const exe = await forScan('entity=visit&field=scan', 'MZ', 'run.exe', 'application/x-msdownload');
    expect(exe.status).toBe(400);
    expect(await exe.json()).toMatchObject({ detail: 'This field takes only .pdf, image/* files', errors: [{ field: 'type', code: 'FILE_TYPE_NOT_ALLOWED' }] });
    expect((await forScan('entity=visit&field=subject', 'x', 'a.txt', 'text/plain')).status).toBe(400);
    expect((await forScan('entity=ghost&field=scan', 'x', 'a.txt', 'text/plain')).status).toBe(404);
    expect((await forScan('entity=visit', 'x', 'a.txt', 'text/plain')).status).toBe(400);
  });

  it('takes an upload only for a field named that the user may write', async () => {
    const { rep1, nobody } = users;
    const headers = { 'x-file-name': 'a.txt', 'content-type': 'text/plain' };
    const none = await upload(nobody.token, 'x', headers);
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ code: 'NO_UPLOAD_RIGHT' });
    expect((await upload(nobody.token, 'x', headers, '')).status).toBe(400);
    expect((await upload(nobody.token, 'x', headers, 'entity=visit&field=subject')).status).toBe(403);
    const unnamed = await upload(rep1.token, 'x', headers, '');
    expect(unnamed.status).toBe(400);
    expect(await unnamed.json()).toMatchObject({ errors: [{ field: 'entity', code: 'REQUIRED' }, { field: 'field', code: 'REQUIRED' }] });
    expect((await upload(rep1.token, 'x', headers, 'entity=visit&field=secret')).status).toBe(403);
    expect((await upload(rep1.token, 'x', headers, 'entity=visit&field=photos')).status).toBe(201);
  });

  it('serves an attached file only to users who may read its record and field', async () => {
    const { rep1, rep2, nobody } = users;
    const adminsPhoto = await stored(tokenA, 'admins.txt');
    const adminsVisit = await a('POST', '/api/records/visit', { subject: 'admin', photos: [adminsPhoto] });
    expect(adminsVisit.status).toBe(201);
    expect(await status(nobody.token, adminsPhoto.id)).toBe(404);
    expect(await status(rep1.token, adminsPhoto.id)).toBe(404);

    const repsPhoto = await stored(rep1.token, 'reps.txt');
    const repsVisit = await rep1.call('POST', '/api/records/visit', { subject: 'mine', photos: [repsPhoto] });
    expect(repsVisit.status).toBe(201);
    const got = await download(rep1.token, repsPhoto.id);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('bytes of reps.txt');
    expect(await status(tokenA, repsPhoto.id)).toBe(200);
    expect(await status(rep2.token, repsPhoto.id)).toBe(404);
    expect(await status(nobody.token, repsPhoto.id)).toBe(404);

    // A visit of rep1's with a file in a field hidden from reps: the record reads, that file does not.
    const secret = await stored(tokenA, 'secret.txt', 'entity=visit&field=secret');
    const photo = await stored(tokenA, 'shown.txt');
    const hidden = await a('POST', '/api/records/visit', { subject: 'for rep1', owner_id: rep1.id, secret, photos: [photo] });
    expect(hidden.status).toBe(201);
    expect((await rep1.call('GET', `/api/records/visit/${hidden.body.id}`)).status).toBe(200);
    expect(await status(rep1.token, photo.id)).toBe(200);
    expect(await status(rep1.token, secret.id)).toBe(404);
    expect(await status(tokenA, secret.id)).toBe(200);

    // In the recycle bin the record is still the reader's to see, and so are its files.
    expect((await rep1.call('DELETE', `/api/records/visit/${repsVisit.body.id}`)).status).toBe(204);
    expect(await status(rep1.token, repsPhoto.id)).toBe(200);
    expect(await status(rep2.token, repsPhoto.id)).toBe(404);
  });

  it('serves an upload not yet attached to its uploader only', async () => {
    const { rep1, rep2, nobody } = users;
    const file = await stored(rep1.token, 'draft.txt');
    expect(await status(rep1.token, file.id)).toBe(200);
    for (const token of [rep2.token, nobody.token, tokenA]) expect(await status(token, file.id)).toBe(404);
  });

  it('takes into a record only the user\'s own new uploads or the field\'s own files, within its limits', async () => {
    const { rep1, rep2 } = users;
    const problem = async (res: Promise<{ status: number; body: { errors?: { field: string; code?: string }[] } }>) => {
      const r = await res;
      expect(r.status).toBe(400);
      return r.body.errors!.map((e) => [e.field, e.code]);
    };
    const others = await stored(rep2.token, 'rep2.txt');
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [others] }))).toEqual([['photos', 'FILE_NOT_AVAILABLE']]);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [{ id: '0190a6c8-0000-7000-8000-00000000beef', name: 'a.pdf', size: 3 }] }))).toEqual([['photos', 'FILE_NOT_AVAILABLE']]);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [{ name: 'a.pdf', size: 3 }] }))).toEqual([['photos', 'FILE_REFERENCE']]);
    expect(await problem(a('POST', '/api/records/visit', { subject: 'x', photos: [others] }))).toEqual([['photos', 'FILE_NOT_AVAILABLE']]);

    const [p1, p2, p3] = [await stored(rep1.token, '1.txt'), await stored(rep1.token, '2.txt'), await stored(rep1.token, '3.txt')];
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [p1, p2, p3] }))).toEqual([['photos', 'TOO_MANY_FILES']]);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [p1, p1] }))).toEqual([['photos', 'FILE_REPEATED']]);
    // Uploaded for a field without limits, saved into one with limits: the save checks them.
    const exe = await stored(rep1.token, 'tool.exe', undefined, 'MZ', 'application/x-msdownload');
    const large = await stored(rep1.token, 'large.pdf', undefined, 'x'.repeat(11_000), 'application/pdf');
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', scan: exe }))).toEqual([['scan', 'FILE_TYPE_NOT_ALLOWED']]);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', scan: large }))).toEqual([['scan', 'FILE_TOO_LARGE']]);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'x', scan: [p1, p2] }))).toEqual([['scan', 'TOO_MANY_FILES']]);
    // Nothing was attached by the refused saves.
    expect(await status(rep2.token, others.id)).toBe(200);

    const made = await rep1.call('POST', '/api/records/visit', { subject: 'x', photos: [p1, p2] });
    expect(made.status).toBe(201);
    // Attached to that record and field: no other record, and no other field of it, takes them.
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'y', photos: [p1] }))).toEqual([['photos', 'FILE_NOT_AVAILABLE']]);
    expect(await problem(rep1.call('PATCH', `/api/records/visit/${made.body.id}`, { scan: p2 }, { 'If-Match': '1' }))).toEqual([['scan', 'FILE_NOT_AVAILABLE']]);
    // Dropped from the field, a file is detached but kept: undo brings it back, no other record takes it.
    const dropped = await rep1.call('PATCH', `/api/records/visit/${made.body.id}`, { photos: [p2, p3] }, { 'If-Match': '1' });
    expect(dropped.status).toBe(200);
    expect(dropped.body.photos.map((f: Stored) => f.id)).toEqual([p2.id, p3.id]);
    expect(await status(rep1.token, p1.id)).toBe(200);
    expect(await problem(rep1.call('POST', '/api/records/visit', { subject: 'z', photos: [p1] }))).toEqual([['photos', 'FILE_NOT_AVAILABLE']]);
    const undone = await rep1.call('PATCH', `/api/records/visit/${made.body.id}`, { photos: [p1, p2] }, { 'If-Match': '2' });
    expect(undone.status).toBe(200);
  });

  it('sweeps uploads never attached after a day, and files detached after the retention time', async () => {
    const { rep1 } = users;
    const sweep = (now: Date, limits?: { detachedMs?: number }) => withTenant(db.knex, tenant, (trx) => sweepFiles(trx, now, limits));
    const loose = await stored(rep1.token, 'loose.txt');
    const [kept, dropped] = [await stored(rep1.token, 'kept.txt'), await stored(rep1.token, 'dropped.txt')];
    const made = await rep1.call('POST', '/api/records/visit', { subject: 'sweep', photos: [kept, dropped] });
    expect((await rep1.call('PATCH', `/api/records/visit/${made.body.id}`, { photos: [kept] }, { 'If-Match': '1' })).status).toBe(200);

    expect(await sweep(new Date(Date.now() + UNATTACHED_FILE_TTL_MS - HOUR))).toEqual({ unattached: 0, detached: 0 });
    expect(await status(rep1.token, loose.id)).toBe(200);
    // The scheduled entry point: every tenant, a day and an hour from now.
    expect(await sweepAllTenantFiles(db.knex, new Date(Date.now() + UNATTACHED_FILE_TTL_MS + HOUR))).toBeGreaterThanOrEqual(1);
    expect(await status(rep1.token, loose.id)).toBe(404);
    expect(await status(rep1.token, dropped.id)).toBe(200);
    expect((await sweep(new Date(Date.now() + HOUR), { detachedMs: 0 })).detached).toBeGreaterThanOrEqual(1);
    expect(await status(rep1.token, dropped.id)).toBe(404);
    expect(await status(rep1.token, kept.id)).toBe(200);
  });
});
