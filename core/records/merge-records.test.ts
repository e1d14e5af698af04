import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument, MetadataDocument } from '../metadata/types.js';
import { addShare, createRecord, deleteRecord, duplicatePairs, findDuplicates, getRecord, listRecords, listShares, mergeRecords, recordHistory, undoMerge, updateRecord } from './index.js';
import { metaOf, recordsTenant, rejection } from './test-fixtures.js';
import type { Actor, RecordContext, RecordEvent, RecordHooks } from './types.js';

/** A party with duplicate rules, and two entities pointing at it (one of them at it twice). */
const party: EntityDocument = {
  kind: 'entity',
  name: 'party',
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true },
    phone: { type: 'phone' },
    email: { type: 'email', unique: true },
    city: { type: 'text' },
    secret: { type: 'text' },
    parent: { type: 'reference', entity: 'party', onDelete: 'set_null' },
  },
  duplicateRules: [
    { field: 'phone', match: 'phone' },
    { field: 'email', match: 'email' },
    { field: 'name', match: 'similar', threshold: 0.5 },
  ],
};
const talk: EntityDocument = {
  kind: 'entity',
  name: 'talk',
  titleField: 'subject',
  fields: { subject: { type: 'text', required: true }, party: { type: 'reference', entity: 'party', required: true }, witness: { type: 'reference', entity: 'party' } },
};

const roles = {
  clerk: { kind: 'role', name: 'clerk', label: { en: 'Clerk', 'zh-CN': '职员' }, entities: { party: { create: true, read: 'own', update: 'own', fields: { secret: 'hidden' } }, talk: { read: 'all' } } },
  editor: { kind: 'role', name: 'editor', label: { en: 'Editor', 'zh-CN': '编辑' }, entities: { party: { read: 'all', update: 'all' }, talk: { read: 'all' } } },
};

describe('duplicates and merge', () => {
  let db: Db;
  let as: (actor: Actor) => <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  let admin: Actor, clerk: Actor, editor: Actor;
  const user = (r: string[]): Actor => ({ id: uuidv7(), name: r.join('+'), roles: r, team: null, isAdmin: false });

  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = metaOf([party, talk]);
    for (const r of Object.values(roles)) meta.documents.role[r.name] = r as unknown as MetadataDocument;
    const t = await recordsTenant(db, meta);
    admin = t.actor;
    clerk = user(['clerk']);
    editor = user(['editor']);
    as = (actor) => (fn) => withTenant(db.knex, t.tenant, (trx) => fn({ db: trx, meta, actor }));
  });
  afterAll(async () => db?.close());

  const party$ = (values: Record<string, unknown>, actor = admin) => as(actor)(async (ctx) => String((await createRecord('party', values, ctx)).id));

  it('finds a draft’s duplicates by phone digits (country code tolerated), e-mail in any case and a similar name, only among readable records', async () => {
    const acme = await party$({ name: 'Northwind Trading Company', phone: '021-5555 1234', email: 'Info@Northwind.example' });
    const other = await party$({ name: 'Contoso Limited', phone: '+1 212 000 9999' });
    const byPhone = await as(admin)((ctx) => findDuplicates('party', { name: 'Somebody', phone: '+86 21 5555-1234' }, ctx));
    expect(byPhone.map((c) => [c.record.id, c.matched])).toEqual([[acme, [{ field: 'phone', match: 'phone' }]]]);
    const byMail = await as(admin)((ctx) => findDuplicates('party', { email: ' info@northwind.EXAMPLE ' }, ctx));
    expect(byMail.map((c) => c.record.id)).toEqual([acme]);
    const byName = await as(admin)((ctx) => findDuplicates('party', { name: 'Northwind Trading Co' }, ctx));
    expect(byName.map((c) => c.record.id)).toEqual([acme]);
    expect(byName[0].score).toBeGreaterThan(0.5);
    expect(byName[0].score).toBeLessThan(1);
    // A typo is caught by pg_trgm's similarity (installed on both backends), not by a prefix.
    expect((await as(admin)((ctx) => findDuplicates('party', { name: 'Nortwind Tradng Company' }, ctx))).map((c) => c.record.id)).toEqual([acme]);
    expect(await as(admin)((ctx) => findDuplicates('party', { name: 'Entirely different', phone: '123' }, ctx))).toEqual([]);
    expect(await as(admin)((ctx) => findDuplicates('party', { phone: '021-5555 1234' }, ctx, { exclude: acme }))).toEqual([]);
    // The clerk reads only their own parties: someone else's match is not told.
    expect(await as(clerk)((ctx) => findDuplicates('party', { phone: '+86 21 5555-1234' }, ctx))).toEqual([]);
    const mine = await party$({ name: 'Contoso Limited Inc', phone: '2120009999' }, clerk);
    expect((await as(clerk)((ctx) => findDuplicates('party', { name: 'Contoso Limited' }, ctx))).map((c) => c.record.id)).toEqual([mine]);
    const pairs = await as(admin)((ctx) => duplicatePairs('party', ctx, { limit: 10 }));
    expect(pairs.data.map((p) => [p.a.id, p.b.id].sort())).toContainEqual([other, mine].sort());
    expect(pairs.data.find((p) => [p.a.id, p.b.id].includes(mine))?.matched).toContainEqual({ field: 'phone', match: 'phone' });
    expect((await as(clerk)((ctx) => duplicatePairs('party', ctx))).data).toEqual([]);
  });

  it('merges: chosen values survive, every reference (recycle bin too) and share moves, both histories stay; undo puts it all back', async () => {
    const keep = await party$({ name: 'Globex', phone: '555 0100 22', city: 'Springfield' });
    const gone = await party$({ name: 'Globex Corp', email: 'sales@globex.example', city: 'Shelbyville' });
    const child = await party$({ name: 'Globex East', parent: gone });
    const [t1, t2, t3] = await as(admin)(async (ctx) => [
      String((await createRecord('talk', { subject: 'Kick-off', party: gone, witness: keep }, ctx)).id),
      String((await createRecord('talk', { subject: 'Follow-up', party: keep, witness: gone }, ctx)).id),
      String((await createRecord('talk', { subject: 'Old', party: gone }, ctx)).id),
    ]);
    await as(admin)((ctx) => deleteRecord('talk', t3, ctx));
    await as(admin)(async (ctx) => {
      await ctx.db('_users').insert({ id: editor.id }).onConflict('id').ignore();
      await addShare('party', gone, { user: editor.id, access: 'read' }, ctx);
    });
    const [k, g] = await as(admin)((ctx) => Promise.all([getRecord('party', keep, ctx), getRecord('party', gone, ctx)]));
    const result = await as(admin)((ctx) =>
      mergeRecords('party', keep, { otherId: gone, values: { email: 'sales@globex.example', city: 'Shelbyville' }, version: Number(k.version), otherVersion: Number(g.version) }, ctx),
    );
    expect(result.record).toMatchObject({ name: 'Globex', email: 'sales@globex.example', city: 'Shelbyville', phone: '555 0100 22' });
    expect(result.repointed).toEqual(expect.arrayContaining([{ entity: 'talk', field: 'party', count: 2 }, { entity: 'talk', field: 'witness', count: 1 }, { entity: 'party', field: 'parent', count: 1 }]));
    const talks = await as(admin)((ctx) => listRecords('talk', { includeDeleted: true, limit: 10 }, ctx));
    expect(Object.fromEntries(talks.data.map((t) => [t.id, [t.party, t.witness]]))).toEqual({ [t1]: [keep, keep], [t2]: [keep, keep], [t3]: [keep, null] });
    expect((await as(admin)((ctx) => getRecord('party', child, ctx))).parent).toBe(keep);
    expect((await as(admin)((ctx) => listShares('party', keep, ctx))).map((s) => s.user)).toContain(editor.id);
    expect((await rejection(as(admin)((ctx) => getRecord('party', gone, ctx)))).status).toBe(404);
    const lost = await as(admin)((ctx) => recordHistory('party', gone, ctx));
    expect(lost.data.map((h) => h.action)).toEqual(['action:merged', 'delete', 'action:share', 'create']);
    expect(lost.data[0].changes).toEqual({});
    const kept = await as(admin)((ctx) => recordHistory('party', keep, ctx));
    expect(kept.data.map((h) => h.action).slice(0, 2)).toEqual(['action:merge', 'update']);
    expect((await as(admin)((ctx) => recordHistory('talk', t1, ctx))).data[0]).toMatchObject({ action: 'action:repoint', changes: { party: [gone, keep] } });

    const undone = await as(admin)((ctx) => undoMerge('party', gone, ctx));
    expect(undone.record).toMatchObject({ id: gone, email: 'sales@globex.example', deleted_at: null });
    expect(undone.survivor).toMatchObject({ email: null, city: 'Springfield' });
    const back = await as(admin)((ctx) => listRecords('talk', { includeDeleted: true, limit: 10 }, ctx));
    expect(Object.fromEntries(back.data.map((t) => [t.id, [t.party, t.witness]]))).toEqual({ [t1]: [gone, keep], [t2]: [keep, gone], [t3]: [gone, null] });
    expect((await as(admin)((ctx) => getRecord('party', child, ctx))).parent).toBe(gone);
    expect((await as(admin)((ctx) => listShares('party', gone, ctx))).map((s) => s.user)).toContain(editor.id);
    expect((await rejection(as(admin)((ctx) => undoMerge('party', gone, ctx)))).code).toBe('CONFLICT');
  });

  it('moves a live reference through the record service: its hooks see the change, a live event goes out', async () => {
    const keep = await party$({ name: 'Umbrella' });
    const gone = await party$({ name: 'Umbrella Corp' });
    const visit = await as(admin)(async (ctx) => String((await createRecord('talk', { subject: 'Visit', party: gone }, ctx)).id));
    const seen: RecordEvent[] = [];
    const hooks: RecordHooks = { after: (e) => void (e.entity === 'talk' && seen.push(e)) };
    await as(admin)((ctx) => mergeRecords('party', keep, { otherId: gone }, { ...ctx, hooks }));
    expect(seen).toEqual([expect.objectContaining({ action: 'update', via: 'action:repoint', old: expect.objectContaining({ party: gone }), data: expect.objectContaining({ id: visit, party: keep }) })]);
    const events = await as(admin)((ctx) => ctx.db('_events').whereRaw(`data->>'id' = ?`, [visit]).select('data'));
    expect(events.map((e: { data: { action: string } }) => e.data.action)).toEqual(['create', 'action:repoint']);
  });

  it('refuses without edit on both or delete on the other (403), a changed version (409), itself (422)', async () => {
    const a = await party$({ name: 'Initech', phone: '555 0199 00' }, clerk);
    const b = await party$({ name: 'Initech Inc', phone: '555 0199 00' }, clerk);
    const theirs = await party$({ name: 'Initech Holdings' });
    expect((await rejection(as(clerk)((ctx) => mergeRecords('party', a, { otherId: theirs }, ctx)))).status).toBe(404);
    expect((await rejection(as(editor)((ctx) => mergeRecords('party', a, { otherId: b }, ctx)))).status).toBe(403);
    expect((await rejection(as(clerk)((ctx) => mergeRecords('party', a, { otherId: b }, ctx)))).status).toBe(403);
    const seen = await as(admin)((ctx) => getRecord('party', b, ctx));
    await as(admin)((ctx) => updateRecord('party', b, { city: 'Austin' }, ctx));
    const stale = await rejection(as(admin)((ctx) => mergeRecords('party', a, { otherId: b, otherVersion: Number(seen.version) }, ctx)));
    expect([stale.status, stale.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await rejection(as(admin)((ctx) => mergeRecords('party', a, { otherId: a }, ctx)))).status).toBe(422);
    expect((await as(admin)((ctx) => getRecord('party', b, ctx))).deleted_at).toBeNull();
  });
});
