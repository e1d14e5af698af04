import type { Knex } from 'knex';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { storeFile } from '../files/store-file.js';
import { createTenant } from '../tenants/tenant-store.js';
import { METADATA_KINDS, type DictionaryDocument, type EffectiveMeta, type EntityDocument, type MetadataDocument, type MetadataKind } from '../metadata/types.js';
import { syncSchema } from '../schema/index.js';
import type { Actor, RecordContext } from './types.js';

/** Test support: metadata built by hand: accounts, deals (children), tags linked through account_tag. */
export const account: EntityDocument = {
  kind: 'entity',
  name: 'account',
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true, minLength: 2, maxLength: 50 },
    code: { type: 'auto_number', prefix: 'A-', digits: 4 },
    notes: { type: 'long_text' },
    email: { type: 'email', unique: true },
    phone: { type: 'phone', pattern: '^\\+?[0-9 ]{5,20}$' },
    website: { type: 'url' },
    grade: { type: 'enum', dictionary: 'grade' },
    tags: { type: 'multi_enum', options: [{ value: 'vip' }, { value: 'new' }, { value: 'gone', active: false }] },
    score: { type: 'integer', min: 0, max: 100 },
    credit: { type: 'currency', precision: 10, scale: 2 },
    rate: { type: 'percent' },
    ratio: { type: 'decimal' },
    active: { type: 'boolean', default: true },
    since: { type: 'date', min: '2000-01-01' },
    seen_at: { type: 'datetime' },
    data: { type: 'json' },
    files: { type: 'attachment', multiple: true },
    rep: { type: 'user' },
    parent: { type: 'reference', entity: 'account', onDelete: 'set_null' },
    region: { type: 'text' },
    label: { type: 'formula', resultType: 'text', expr: { cat: [{ var: 'name' }, ' (', { var: 'region' }, ')'] } },
    double_score: { type: 'formula', resultType: 'integer', expr: { '*': [{ var: 'score' }, 2] } },
    won_total: { type: 'rollup', relation: 'deal.account', aggregate: 'sum', field: 'amount', filter: { '==': [{ var: 'stage' }, 'won'] } },
    deal_count: { type: 'rollup', relation: 'deal.account', aggregate: 'count' },
    avg_amount: { type: 'rollup', relation: 'deal.account', aggregate: 'avg', field: 'amount' },
    max_amount: { type: 'rollup', relation: 'deal.account', aggregate: 'max', field: 'amount' },
    tag_ids: { type: 'many_to_many', entity: 'tag', through: 'account_tag', sourceField: 'account', targetField: 'tag' },
  },
  rules: [
    { name: 'vip_needs_grade', rule: { or: [{ '!': { in: ['vip', { var: 'tags' }] } }, { '!!': { var: 'grade' } }] }, message: { en: 'A VIP needs a grade', 'zh-CN': 'VIP 需要等级' }, fields: ['grade'] },
  ],
};

export const deal: EntityDocument = {
  kind: 'entity',
  name: 'deal',
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true },
    account: { type: 'reference', entity: 'account', required: true },
    amount: { type: 'decimal' },
    discount: { type: 'decimal', default: 0 },
    net: { type: 'formula', resultType: 'decimal', expr: { '-': [{ var: 'amount' }, { var: 'discount' }] } },
    region_of_account: { type: 'formula', resultType: 'text', expr: { var: 'account.region' } },
    stage: { type: 'enum', options: [{ value: 'open' }, { value: 'won' }, { value: 'lost' }] },
    starts_on: { type: 'date' },
    ends_on: { type: 'date' },
  },
  rules: [
    {
      name: 'ends_after_start',
      rule: { or: [{ '!': { var: 'starts_on' } }, { '!': { var: 'ends_on' } }, { '>=': [{ var: 'ends_on' }, { var: 'starts_on' }] }] },
      message: { en: 'The end is before the start', 'zh-CN': '结束早于开始' },
      fields: ['ends_on'],
    },
  ],
};

export const tag: EntityDocument = { kind: 'entity', name: 'tag', titleField: 'name', fields: { name: { type: 'text', required: true } } };

export const accountTag: EntityDocument = {
  kind: 'entity',
  name: 'account_tag',
  fields: {
    account: { type: 'reference', entity: 'account', required: true },
    tag: { type: 'reference', entity: 'tag', required: true },
    weight: { type: 'integer' },
  },
};

export const grade: DictionaryDocument = {
  kind: 'dictionary',
  name: 'grade',
  items: [
    { value: 'gold', label: { en: 'Gold', 'zh-CN': '金' } },
    { value: 'silver', label: { en: 'Silver', 'zh-CN': '银' } },
    { value: 'bronze', label: { en: 'Bronze', 'zh-CN': '铜' }, active: false },
  ],
};

export const metaOf = (entities: EntityDocument[], dictionaries: DictionaryDocument[] = [grade]): EffectiveMeta => {
  const documents = Object.fromEntries(METADATA_KINDS.map((k) => [k, {}])) as Record<MetadataKind, Record<string, MetadataDocument>>;
  for (const e of entities) documents.entity[e.name] = e as unknown as MetadataDocument;
  for (const d of dictionaries) documents.dictionary[d.name] = d as unknown as MetadataDocument;
  return { entities: Object.fromEntries(entities.map((e) => [e.name, e])), dictionaries: Object.fromEntries(dictionaries.map((d) => [d.name, d])), documents };
};

export const fixtureMeta = (): EffectiveMeta => metaOf([account, deal, tag, accountTag]);

/** An unrestricted actor by default (record tests); permission tests pass roles and isAdmin: false. */
export const testActor = (over: Partial<Actor> = {}): Actor => ({ id: uuidv7(), name: 'Tess', roles: ['sales'], team: null, isAdmin: true, ...over });

export type Run = <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;

let tenants = 0;

/** A fresh tenant with the fixture's tables; run() gives each call its own tenant transaction. */
export const recordsTenant = async (db: Db, meta: EffectiveMeta = fixtureMeta(), actor: Actor = testActor()) => {
  const tenant = await createTenant(db.knex, { slug: `rec_${process.pid}_${++tenants}` });
  await withTenant(db.knex, tenant, (trx) => syncSchema(trx, meta));
  const run: Run = (fn) => withTenant(db.knex, tenant, (trx: Knex.Transaction) => fn({ db: trx, meta, actor }));
  return { tenant, meta, actor, run };
};

/** The AppError a promise rejects with (fails the test when it resolves). */
export const rejection = async (p: Promise<unknown>): Promise<{ status: number; code: string; message: string; details: Record<string, unknown> & { errors?: { field: string; message: string; code?: string }[] } }> => {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail');
};

/** An upload of the actor's for an attachment field, not yet attached (as POST /api/files stores it). */
export const uploadedFile = (ctx: RecordContext, target: { entity: string; field: string }, name: string, text = `bytes of ${name}`) =>
  storeFile({ name, type: 'application/pdf', body: Readable.from([Buffer.from(text)]), for: target }, ctx);
