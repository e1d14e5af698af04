import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, listRecords, translatePgError, updateRecord } from './index.js';
import { recordsTenant, rejection } from './test-fixtures.js';

const fieldsOf = (err: { details: { errors?: { field: string }[] } }) => (err.details.errors ?? []).map((e) => e.field).sort();

describe('record validation', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('reports every failing field at once and writes nothing', async () => {
    const { run } = await recordsTenant(db);
    const err = await rejection(
      run((ctx) =>
        createRecord(
          'account',
          {
            name: 'x', // minLength 2
            email: 'not-an-email',
            phone: 'call me', // pattern
            website: 'no url',
            grade: 'platinum', // not in the dictionary
            tags: ['vip', 'nope'],
            score: 101, // max 100
            credit: 123456789, // numeric(10,2) holds less than 10^8
            ratio: 'many', // type
            active: 'yes',
            since: '1999-12-31', // min 2000-01-01
            seen_at: 'yesterday',
            rep: 'bob',
            parent: 'not-a-uuid',
            bogus: 1, // unknown
            id: '0190a6c8-0000-7000-8000-000000000001', // system
            version: 3,
            code: 'A-9', // auto-number
            label: 'x', // formula
            won_total: 1, // rollup
          },
          ctx,
        ),
      ),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe('INVALID_INPUT');
    expect(fieldsOf(err)).toEqual(
      ['active', 'bogus', 'code', 'credit', 'email', 'grade', 'id', 'label', 'name', 'parent', 'phone', 'ratio', 'rep', 'score', 'seen_at', 'since', 'tags', 'version', 'website', 'won_total'].sort(),
    );
    expect(JSON.stringify(err)).not.toMatch(/select|insert|stack/i);
    expect((await run((ctx) => listRecords('account', { includeDeleted: true }, ctx))).data).toEqual([]);
    // the auto-number was not consumed
    expect((await run((ctx) => createRecord('account', { name: 'ok' }, ctx))).code).toBe('A-0001');
  });

  it('checks required fields on create and when a patch clears them', async () => {
    const { run } = await recordsTenant(db);
    const err = await rejection(run((ctx) => createRecord('deal', { amount: 5 }, ctx)));
    expect(err.details.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'is required', code: 'REQUIRED' },
        { field: 'account', message: 'is required', code: 'REQUIRED' },
      ]),
    );
    const a = await run((ctx) => createRecord('account', { name: 'Req' }, ctx));
    const blank = await rejection(run((ctx) => updateRecord('account', String(a.id), { name: '' }, ctx)));
    expect(fieldsOf(blank)).toEqual(['name']);
    // a patch leaving a required field alone is fine
    expect((await run((ctx) => updateRecord('account', String(a.id), { score: 3 }, ctx))).score).toBe(3);
  });

  it('applies cross-field rules on the record as it would be, with the other problems', async () => {
    const { run } = await recordsTenant(db);
    const acc = await run((ctx) => createRecord('account', { name: 'Rules' }, ctx));
    const err = await rejection(run((ctx) => createRecord('deal', { title: 'D', account: acc.id, starts_on: '2024-05-02', ends_on: '2024-05-01', stage: 'maybe' }, ctx)));
    expect(err.details.errors).toEqual(
      expect.arrayContaining([{ field: 'ends_on', message: 'The end is before the start', code: 'RULE' }, expect.objectContaining({ field: 'stage', code: 'ENUM' })]),
    );
    const d = await run((ctx) => createRecord('deal', { title: 'D', account: acc.id, starts_on: '2024-05-01', ends_on: '2024-05-03' }, ctx));
    const later = await rejection(run((ctx) => updateRecord('deal', String(d.id), { starts_on: '2024-06-01' }, ctx)));
    expect(fieldsOf(later)).toEqual(['ends_on']);
    const vip = await rejection(run((ctx) => createRecord('account', { name: 'VIP', tags: ['vip'] }, ctx)));
    expect(vip.details.errors).toEqual([{ field: 'grade', message: 'A VIP needs a grade', code: 'RULE' }]);
  });

  it('accepts inactive dictionary values only where already stored', async () => {
    const { run, meta } = await recordsTenant(db);
    expect(fieldsOf(await rejection(run((ctx) => createRecord('account', { name: 'Old', grade: 'bronze' }, ctx))))).toEqual(['grade']);
    const a = await run((ctx) => createRecord('account', { name: 'Old', grade: 'gold', tags: ['new'] }, ctx));
    // the dictionary changes: gold becomes inactive; the stored value stays valid on update
    const retired = { ...meta, dictionaries: { grade: { ...meta.dictionaries.grade, items: meta.dictionaries.grade.items.map((i) => ({ ...i, active: i.value !== 'gold' })) } } };
    const b = await run((ctx) => updateRecord('account', String(a.id), { grade: 'gold', score: 1 }, { ...ctx, meta: retired }));
    expect(b.grade).toBe('gold');
    expect(fieldsOf(await rejection(run((ctx) => updateRecord('account', String(a.id), { tags: ['gone'] }, ctx))))).toEqual(['tags']);
  });

  it('unique value → 409 naming the field; reference to a missing record → 422; nothing written', async () => {
    const { run } = await recordsTenant(db);
    await run((ctx) => createRecord('account', { name: 'First', email: 'dup@x.test' }, ctx));
    const dup = await rejection(run((ctx) => createRecord('account', { name: 'Second', email: 'dup@x.test' }, ctx)));
    expect(dup).toMatchObject({ status: 409, code: 'UNIQUE_VIOLATION', details: { errors: [{ field: 'email', code: 'UNIQUE' }] } });
    expect(dup.message).toContain('email');
    const missing = await rejection(run((ctx) => createRecord('deal', { title: 'Orphan', account: '0190a6c8-0000-7000-8000-00000000abcd' }, ctx)));
    expect(missing).toMatchObject({ status: 422, details: { errors: [{ field: 'account', code: 'REFERENCE_NOT_FOUND' }] } });
    expect((await run((ctx) => listRecords('deal', {}, ctx))).data).toEqual([]);
    expect((await run((ctx) => listRecords('account', {}, ctx))).data).toHaveLength(1);
  });

  it('translates Postgres errors in one place, without SQL text', async () => {
    const { run, meta } = await recordsTenant(db);
    const fk = await run(async (ctx) => {
      try {
        await ctx.db.transaction((sp) => sp('deal').insert({ id: '0190a6c8-0000-7000-8000-000000000001', title: 't', account: '0190a6c8-0000-7000-8000-000000000002' }));
      } catch (e) {
        return translatePgError(e, meta);
      }
    });
    expect(fk).toMatchObject({ status: 422, details: { errors: [{ field: 'account' }] } });
    expect((fk as Error).message).not.toMatch(/insert|constraint|"deal"/i);
    const plain = new Error('boom');
    expect(translatePgError(plain)).toBe(plain);
    expect(translatePgError({ code: '23505', constraint: 'deal__title__uniq' })).toMatchObject({ status: 409, details: { errors: [{ field: 'title' }] } });
    expect(translatePgError({ code: '40001' })).toMatchObject({ status: 409, code: 'TRY_AGAIN' });
  });

  it('refuses values of the wrong shape', async () => {
    const { run } = await recordsTenant(db);
    expect((await rejection(run((ctx) => createRecord('account', [] as never, ctx)))).status).toBe(400);
    expect(fieldsOf(await rejection(run((ctx) => createRecord('account', { name: 'Own', owner_id: 'me' }, ctx))))).toEqual(['owner_id']);
    expect(fieldsOf(await rejection(run((ctx) => createRecord('account', { name: 'Int', score: 1.5 }, ctx))))).toEqual(['score']);
    expect(fieldsOf(await rejection(run((ctx) => createRecord('account', { name: 'Tags', tags: ['new', 'new'] }, ctx))))).toEqual(['tags']);
  });
});
