import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { isSearchOverflow, searchWriteError } from '../records/search-fields.js';
import { translatePgError } from '../records/translate-pg-error.js';
import type { EntityDocument } from '../metadata/types.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

/** About `chars` characters of distinct words: more than a tsvector holds once past ~170,000 words. */
const distinctWords = (chars: number): string => {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const w = `w${i.toString(36)}`;
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ').slice(0, chars);
};

const note = (fields: Record<string, unknown>) => ({ kind: 'entity', name: 'note', label: { en: 'Note', 'zh-CN': '笔记' }, titleField: 'subject', fields });

describe('long texts: default maxima, a bounded search vector', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const huge = distinctWords(990_000); // fits the 1 MB body limit

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('refuses a text over its default maximum with 400 naming the field, and stores one allowed up to a million characters', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'long_text')).token);
    expect((await a('PUT', '/api/studio/entity/note', note({ subject: { type: 'text' }, body: { type: 'long_text' }, transcript: { type: 'long_text', maxLength: 1_000_000 } }))).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);

    const over = await a('POST', '/api/records/note', { subject: 'Board minutes', body: huge });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([{ field: 'body', message: 'must NOT have more than 100000 characters', code: 'MAX_LENGTH' }]);
    const shortOver = await a('POST', '/api/records/note', { subject: 'x'.repeat(1_001) });
    expect(shortOver.status).toBe(400);
    expect(shortOver.body.errors.map((e: { field: string }) => e.field)).toEqual(['subject']);
    expect((await a('GET', '/api/records/note')).body.data).toEqual([]);

    const created = await a('POST', '/api/records/note', { subject: 'Board minutes', transcript: huge });
    expect(created.status).toBe(201);
    expect((await a('GET', `/api/records/note/${created.body.id}`)).body.transcript).toBe(huge);
    const found = async (q: string) => (await a('GET', `/api/records/note?q=${encodeURIComponent(q)}&fields=subject`)).body.data.map((r: { subject: string }) => r.subject);
    expect(await found('minutes')).toEqual(['Board minutes']);
    expect(await found('w2s')).toEqual(['Board minutes']); // a word of the indexed prefix
    expect(await found('nowhere')).toEqual([]);

    const changed = await a('PATCH', `/api/records/note/${created.body.id}`, { transcript: `${huge.slice(0, 900_000)} afterword` }, { 'if-match': '1' });
    expect(changed.status).toBe(200);
    expect(await found('minutes')).toEqual(['Board minutes']);
  });

  it('refuses a field declaring more than the hard cap when it is saved', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'long_cap')).token);
    const saved = await a('PUT', '/api/studio/entity/note', note({ subject: { type: 'text' }, body: { type: 'long_text', maxLength: 1_000_001 } }));
    expect(saved.status).toBe(400);
    expect(JSON.stringify(saved.body)).toMatch(/fields\/body\/maxLength/);
    expect((await a('GET', '/api/studio/entity/note')).status).toBe(404);
  });

  it('makes "too long for tsvector" a 400 naming the field, should the prefix ever not suffice', async () => {
    const overflow = await db.knex.raw(`select to_tsvector('simple', ?)`, [huge]).then(() => undefined, (e: unknown) => e);
    expect(isSearchOverflow(overflow)).toBe(true);
    const entity: EntityDocument = { kind: 'entity', name: 'note', titleField: 'subject', fields: { subject: { type: 'text' }, body: { type: 'long_text' } } };
    expect(searchWriteError(entity, { subject: 'Minutes', body: huge }, overflow)).toMatchObject({ status: 400, details: { errors: [{ field: 'body', code: 'TOO_LONG_TO_INDEX' }] } });
    expect(translatePgError(overflow)).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    const other = new Error('boom');
    expect(searchWriteError(entity, {}, other)).toBe(other);
  });
});
