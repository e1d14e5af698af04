import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, runQueuedWorkflowRuns, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';
import { buildDocx } from '../../core/index.js';
import { demoContractTemplate } from './seed/contract-template.js';

const PASSWORD = 'Sales-Quotes-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** Quotes over HTTP as the people who make them: lines, discount approval, versions, the contract from a Word template, and the order made on acceptance. */
describe('sales: quotes and contracts', () => {
  let close: () => Promise<void>;
  let db: Awaited<ReturnType<typeof startTestServer>>['db'];
  let tenant: Tenant;
  let url: string;
  const as: Record<string, Call> = {};
  const tokens: Record<string, string> = {};
  const rows: Record<string, Row> = {};
  const post = async (who: string, path: string, body?: unknown) => as[who]('POST', path, body ?? {});
  const get = async (who: string, path: string) => (await as[who]('GET', path)).body;
  const create = async (who: string, entity: string, data: Row) => {
    const res = await post(who, `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const take = (who: string, id: string, transition: string) => post(who, `/api/records/quote/${id}/transitions/${transition}`);
  const act = (who: string, id: string, action: string, body: Row = {}) => post(who, `/api/records/quote/${id}/actions/${action}`, body);
  const upload = async (who: string, entity: string, field: string, name: string, bytes: Buffer) => {
    const res = await fetch(`${url}/api/files?entity=${entity}&field=${field}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[who]}`, 'x-file-name': name, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, body: new Uint8Array(bytes) });
    expect(res.status).toBe(201);
    return (await res.json()) as Row;
  };
  const download = async (who: string, id: string) => Buffer.from(await (await fetch(`${url}/api/files/${id}`, { headers: { authorization: `Bearer ${tokens[who]}` } })).arrayBuffer());
  const count = async (entity: string) => (await get('admin', `/api/records/${entity}?limit=500&fields=id`)).data.length;

  beforeAll(async () => {
    const started = await startTestServer();
    db = started.db;
    url = started.url;
    close = () => started.server.close();
    tenant = (await provisionTenant({ slug: 'quotes', adminEmail: 'admin@quotes.local', adminPassword: PASSWORD, plugins: ['sales'] }, { knex: db.knex })).tenant;
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'quotes', email, password: PASSWORD })).body.token as string;
    tokens.admin = await login('admin@quotes.local');
    as.admin = api(url, tokens.admin);
    for (const [who, roles] of [['director', ['sales_director']], ['lihua', ['account_manager']]] as const) {
      expect((await as.admin('POST', '/api/users', { email: `${who}@quotes.local`, password: PASSWORD, name: who, roles })).status).toBe(201);
      tokens[who] = await login(`${who}@quotes.local`);
      as[who] = api(url, tokens[who]);
    }
    rows.server = await create('admin', 'product', { sku: 'SRV-1', name: '机架式服务器', price: 20000, category: 'hardware' });
    rows.disk = await create('admin', 'product', { sku: 'SSD-2', name: 'Enterprise SSD', price: 1500, category: 'hardware' });
    rows.customer = await create('lihua', 'customer', { name: '杭州云栖数据有限公司' });
    for (const language of ['zh-CN', 'en'] as const) {
      const file = await upload('admin', 'document_template', 'file', `contract-${language}.docx`, demoContractTemplate(language));
      rows[`template_${language}`] = await create('admin', 'document_template', { name: `Contract ${language}`, language, file, template_version: 7 });
    }
  });
  afterAll(async () => close?.());

  it('tells an account manager the quote workflows they may start, with the condition and right each needs for its button', async () => {
    const meta = (await as.lihua('GET', '/api/meta')).body;
    const quoteFlows = Object.values(meta.workflows as Record<string, { entity: string; name: string; trigger: Record<string, unknown>; steps?: unknown }>).filter((w) => w.entity === 'quote');
    expect(quoteFlows.map((w) => w.name).sort()).toEqual(['quote_discount_approval', 'quote_send']);
    expect(quoteFlows.find((w) => w.name === 'quote_send')?.trigger).toEqual({ on: 'manual', condition: { '!!': { var: 'email' } }, requires: 'update' });
    expect(quoteFlows.every((w) => w.steps === undefined)).toBe(true);
    // Both are started by the quote's own transitions, which the record page offers as their buttons.
    const lifecycle = Object.values(meta.lifecycles as Record<string, { entity: string; transitions: { name: string; workflow?: string }[] }>).find((l) => l.entity === 'quote');
    expect(lifecycle?.transitions.filter((t) => t.workflow).map((t) => t.workflow).sort()).toEqual(['quote_discount_approval', 'quote_send']);
  });

  it('prices lines from the product list price and the discount; a discount above the limit needs a director to approve it', async () => {
    expect(rows.template_en.template_version).toBe(1); // counted by the plugin, not written by hand
    const quote = await create('lihua', 'quote', { title: '数据中心扩容', customer: rows.customer.id, email: 'buyer@example.com', valid_until: '2027-01-31' });
    expect(quote).toMatchObject({ status: 'draft', version_no: 1, code: expect.stringMatching(/^QT\d{6}$/), language: 'zh-CN' });
    expect(await create('lihua', 'quote_line', { quote: quote.id, product: rows.server.id, quantity: 2, discount_pct: 15 })).toMatchObject({ list_price: 20000, unit_price: 17000, line_total: 34000 });
    await create('lihua', 'quote_line', { quote: quote.id, product: rows.disk.id, quantity: 4, discount_pct: 0 });
    expect(await get('lihua', `/api/records/quote/${quote.id}`)).toMatchObject({ total: 40000, line_count: 2, max_discount: 15, needs_approval: true });
    expect((await take('lihua', quote.id, 'approve')).status).toBe(422); // the discount is above the limit
    const forged = await as.lihua('PATCH', `/api/records/quote/${quote.id}`, { discount_approval: 'approved' }, { 'If-Match': String((await get('lihua', `/api/records/quote/${quote.id}`)).version) });
    expect([forged.status, forged.body.code]).toEqual([422, 'SET_BY_SALES_PROCESS']);

    expect((await take('lihua', quote.id, 'submit')).body.status).toBe('pending_approval');
    await runQueuedWorkflowRuns(db.knex, tenant);
    const approvals = (await get('director', '/api/workflows/approvals')).data as Row[];
    const approval = approvals.find((a) => a.record_id === quote.id)!;
    expect(approval).toMatchObject({ entity: 'quote', status: 'pending' });
    expect((await post('lihua', `/api/workflows/approvals/${approval.id}/approve`)).status).toBe(403);
    const locked = await post('lihua', '/api/records/quote_line', { quote: quote.id, product: rows.disk.id, quantity: 1 });
    expect([locked.status, locked.body.code]).toEqual([409, 'QUOTE_LOCKED']);
    expect((await post('director', `/api/workflows/approvals/${approval.id}/approve`)).body.status).toBe('approved');
    await runQueuedWorkflowRuns(db.knex, tenant);
    rows.quote = await get('lihua', `/api/records/quote/${quote.id}`);
    expect(rows.quote).toMatchObject({ status: 'approved', discount_approval: 'approved' });
  });

  it('generates the contract from the Word template: the merged values and every line, attached to the quote with the template version', async () => {
    const res = await act('lihua', rows.quote.id, 'generate_contract');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ contract_template: rows['template_zh-CN'].id, contract_template_version: 1, contract_file: { name: expect.stringMatching(/^QT\d{6}-v1-contract\.docx$/) } });
    const xml = new PizZip(await download('lihua', res.body.contract_file.id)).file('word/document.xml')!.asText();
    expect(xml).toContain('杭州云栖数据有限公司');
    expect(xml).toContain(`${rows.quote.code}-V1`);
    expect(xml).toContain('数据中心扩容');
    for (const text of ['机架式服务器', 'SRV-1', '17,000.00', '34,000.00', 'Enterprise SSD', '6,000.00', '40,000.00', '2027-01-31']) expect(xml).toContain(text);
    expect(xml).not.toContain('{#lines}');
    rows.quote = res.body;
  });

  it('refuses a broken template with a 422 naming its tags, and changes nothing', async () => {
    const file = await upload('admin', 'document_template', 'file', 'broken.docx', buildDocx([{ text: 'Dear {customer' }, { table: [['{#lines}{product}', '{quantity}']] }]));
    const patched = await as.admin('PATCH', `/api/records/document_template/${rows.template_en.id}`, { file }, { 'If-Match': String(rows.template_en.version) });
    expect(patched.body.template_version).toBe(2); // a new file is a new version
    const before = await get('lihua', `/api/records/quote/${rows.quote.id}`);
    const fileCount = () => withTenant(db.knex, tenant, async (trx) => Number((await trx('_files').count({ n: '*' }))[0].n));
    const files = await fileCount();
    const res = await act('lihua', rows.quote.id, 'generate_contract', { template: rows.template_en.id });
    expect([res.status, res.body.code]).toEqual([422, 'DOCUMENT_TEMPLATE_INVALID']);
    expect(res.body.errors.map((e: Row) => e.field)).toEqual(expect.arrayContaining(['{customer}', '{lines}']));
    expect(await get('lihua', `/api/records/quote/${rows.quote.id}`)).toEqual(before);
    expect(await fileCount()).toBe(files);
  });

  it('makes a new version with the same lines; the earlier one is superseded and read-only', async () => {
    const res = await act('lihua', rows.quote.id, 'new_version');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v2 = res.body as Row;
    expect(v2).toMatchObject({ status: 'draft', version_no: 2, previous_version: rows.quote.id, title: '数据中心扩容', total: 40000, line_count: 2 });
    const v1 = await get('lihua', `/api/records/quote/${rows.quote.id}`);
    expect(v1).toMatchObject({ status: 'superseded', superseded_by: v2.id });
    const edit = await as.lihua('PATCH', `/api/records/quote/${v1.id}`, { title: 'changed' }, { 'If-Match': String(v1.version) });
    expect([edit.status, edit.body.code]).toEqual([409, 'QUOTE_READ_ONLY']);
    expect((await act('lihua', v1.id, 'new_version')).status).toBe(409);
    rows.v2 = v2;
  });

  it('accepted, a quote becomes a sales order with its lines at the discounted prices, in the same step', async () => {
    const v2 = rows.v2;
    const line = (await get('lihua', `/api/records/quote_line?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'quote' }, v2.id] }))}`)).data.find((l: Row) => Number(l.discount_pct) === 15);
    const current = await get('lihua', `/api/records/quote_line/${line.id}`);
    expect((await as.lihua('PATCH', `/api/records/quote_line/${line.id}`, { discount_pct: 10 }, { 'If-Match': String(current.version) })).status).toBe(200);
    expect((await take('lihua', v2.id, 'approve')).body.status).toBe('approved'); // 10 % is within the limit
    expect((await take('lihua', v2.id, 'send')).body.status).toBe('sent');
    const orders = await count('sales_order');
    const accepted = await take('lihua', v2.id, 'accept');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const quote = await get('lihua', `/api/records/quote/${v2.id}`);
    expect(quote).toMatchObject({ status: 'accepted', sales_order: expect.any(String) });
    expect(await count('sales_order')).toBe(orders + 1);
    const order = await get('lihua', `/api/records/sales_order/${quote.sales_order}`);
    expect(order).toMatchObject({ customer: rows.customer.id, status: 'new', total: 42000, line_count: 2 });
    const lines = (await get('lihua', `/api/records/order_line?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'sales_order' }, order.id] }))}`)).data as Row[];
    expect(lines.map((l) => [l.product, Number(l.quantity), Number(l.unit_price)]).sort()).toEqual([[rows.disk.id, 4, 1500], [rows.server.id, 2, 18000]].sort());
  });
});
