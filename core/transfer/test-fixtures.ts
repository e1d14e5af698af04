import type { Knex } from 'knex';
import { Readable } from 'node:stream';
import type { Tenant } from '../db/tenant.js';
import { saveTenantDocument } from '../metadata/save-tenant-document.js';
import type { DictionaryDocument, EntityDocument } from '../metadata/types.js';
import { metaOf } from '../records/test-fixtures.js';
import { publishTenant } from '../schema/publish.js';

/** Test support: customers (unique code), contacts (names may repeat) and sales with a field of every stored type. */
export const customer: EntityDocument = {
  kind: 'entity',
  name: 'customer',
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true },
    code: { type: 'text', unique: true },
    city: { type: 'text' },
    parent: { type: 'reference', entity: 'customer', onDelete: 'set_null' },
  },
};

export const contact: EntityDocument = { kind: 'entity', name: 'contact', titleField: 'name', fields: { name: { type: 'text', required: true } } };

export const sale: EntityDocument = {
  kind: 'entity',
  name: 'sale',
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, maxLength: 100 },
    ref_no: { type: 'text', unique: true },
    notes: { type: 'long_text' },
    email: { type: 'email' },
    phone: { type: 'phone' },
    site: { type: 'url' },
    qty: { type: 'integer', min: 0 },
    weight: { type: 'decimal' },
    price: { type: 'currency' },
    rate: { type: 'percent' },
    paid: { type: 'boolean' },
    due: { type: 'date' },
    shipped_at: { type: 'datetime' },
    status: { type: 'enum', dictionary: 'sale_status' },
    tags: { type: 'multi_enum', options: [{ value: 'vip' }, { value: 'new' }, { value: 'a;b' }, { value: '华东' }] },
    customer: { type: 'reference', entity: 'customer' },
    contact: { type: 'reference', entity: 'contact' },
    extra: { type: 'json' },
    files: { type: 'attachment', multiple: true },
    rep: { type: 'user' },
    number: { type: 'auto_number', prefix: 'S-', digits: 4 },
    total: { type: 'formula', resultType: 'decimal', expr: { '*': [{ var: 'qty' }, { var: 'price' }] } },
  },
};

export const saleStatus: DictionaryDocument = {
  kind: 'dictionary',
  name: 'sale_status',
  items: [
    { value: 'open', label: { en: 'Open', 'zh-CN': '进行中' } },
    { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } },
  ],
};

export const transferMeta = () => metaOf([customer, contact, sale], [saleStatus]);

/** The documents as a tenant saves them (dictionary first, entities labelled), in an order each save accepts. */
export const transferDocuments = (): Record<string, unknown>[] =>
  [saleStatus, customer, contact, sale].map((d) => (d.kind === 'entity' ? { ...d, label: { en: d.name, 'zh-CN': d.name } } : { ...d }));

/** Saves and publishes the documents in the tenant's layer, so the tenant's effective metadata has them. */
export const publishTransferMeta = async (knex: Knex, tenant: Tenant): Promise<void> => {
  const actor = { id: 'test', name: 'test' };
  for (const doc of transferDocuments()) await saveTenantDocument({ kind: String(doc.kind), name: String(doc.name), doc }, { knex, tenant, actor });
  await publishTenant(knex, tenant, actor);
};

/** CSV text as a stream in small chunks, the way an upload arrives. */
export const csvStream = (text: string, chunk = 7): Readable =>
  Readable.from((function* () {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })());

/** Reads a stream to text. */
export const readAll = async (stream: AsyncIterable<Buffer | string>): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
};
