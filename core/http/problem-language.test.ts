import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { createUser } from '../security/index.js';
import { acceptedLocale } from './request-locale.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, serveApp, startTestServer, tenantWithAdmin } from './test-server.js';

const deal = {
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, maxLength: 100 },
    amount: { type: 'currency', min: 0 },
    stage: { type: 'enum', options: [{ value: 'new', label: { en: 'New', 'zh-CN': '新建' } }, { value: 'won', label: { en: 'Won', 'zh-CN': '已赢单' } }] },
  },
};

const stages = {
  kind: 'lifecycle', name: 'deal_stages', entity: 'deal', field: 'stage', initial: 'new',
  transitions: [{ name: 'win', label: { en: 'Win', 'zh-CN': '赢单' }, from: ['new'], to: 'won', guard: { '>': [{ var: 'amount' }, 0] } }],
};

describe('problems in the reader’s language', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let n = 0;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  /** A fresh tenant with the deal entity, its admin (English) and a user who reads Chinese. */
  const tenant = async () => {
    const slug = `lang_${++n}`;
    const admin = await tenantWithAdmin(db, url, slug);
    const call = api(url, admin.token);
    expect((await call('PUT', '/api/studio/entity/deal', deal)).status).toBe(200);
    expect((await call('PUT', '/api/studio/lifecycle/deal_stages', stages)).status).toBe(200);
    expect((await call('POST', '/api/studio/publish', {})).status).toBe(200);
    const email = `li@${slug}.test`;
    await createUser({ tenantId: admin.tenant.id, email, password: ADMIN_PASSWORD, name: 'Li', isAdmin: true, locale: 'zh-CN' }, { knex: db.knex });
    const login = await api(url)('POST', '/api/auth/login', { tenant: slug, email, password: ADMIN_PASSWORD });
    return { slug, admin: call, li: api(url, login.body.token as string) };
  };

  it('answers in English by default: detail and field errors', async () => {
    const t = await tenant();
    const res = await t.admin('POST', '/api/records/deal', { amount: 'lots' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', title: 'Bad Request' });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title', message: 'is required', code: 'REQUIRED' })]));
    const signIn = await api(url)('POST', '/api/auth/login', { tenant: t.slug, email: 'nobody@x.test', password: 'wrong-wrong-1' });
    expect(signIn.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'Wrong tenant, e-mail or password.' });
  });

  it('answers a user who reads Chinese in Chinese, whatever the browser asks', async () => {
    const t = await tenant();
    const res = await t.li('POST', '/api/records/deal', { amount: 'lots' }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', title: '请求无效', detail: '部分值无效。' });
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field: 'title', message: '为必填项', code: 'REQUIRED' }]));
    const missing = await t.li('GET', '/api/records/deal/0190a0a0-0000-7000-8000-000000000000');
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: '未找到' });
    expect(missing.body.detail).toMatch(/[\u4e00-\u9fff]/);
    const stale = await t.li('PATCH', '/api/records/deal/0190a0a0-0000-7000-8000-000000000000', { title: 'x' });
    expect(stale.body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('words transition refusals and batch items in the reader’s language', async () => {
    const t = await tenant();
    const id = (await t.li('POST', '/api/records/deal', { title: '华东项目' })).body.id as string;
    const options = await t.li('GET', `/api/records/deal/${id}/transitions`);
    expect(options.body.data).toEqual([expect.objectContaining({ name: 'win', allowed: false, reason: '不满足“赢单”的条件。' })]);
    expect((await t.admin('GET', `/api/records/deal/${id}/transitions`)).body.data[0].reason).toBe('The conditions of “Win” are not met.');
    const refused = await t.li('POST', `/api/records/deal/${id}/transitions/win`);
    expect(refused.body).toMatchObject({ status: 422, code: 'GUARD_FAILED', detail: '不满足“赢单”的条件。' });
    // A step from the wrong state names the state by its label too, never its code.
    const won = await t.admin('PATCH', `/api/records/deal/${id}`, { amount: 10 }, { 'If-Match': '1' });
    expect(won.status).toBe(200);
    expect((await t.admin('POST', `/api/records/deal/${id}/transitions/win`)).status).toBe(200);
    const again = await t.li('POST', `/api/records/deal/${id}/transitions/win`);
    expect(again.body).toMatchObject({ status: 409, code: 'WRONG_STATE', detail: '当前状态“已赢单”下不能执行“赢单”。' });
    const batch = await t.li('POST', '/api/records/deal/batch', { items: [{ op: 'create', data: { title: 'ok' } }, { op: 'create', data: {} }] });
    expect(batch.status).toBe(200);
    expect(batch.body.results[1].problem).toMatchObject({ code: 'INVALID_INPUT', detail: '部分值无效。', errors: [expect.objectContaining({ field: 'title', message: '为必填项' })] });
    const rolledBack = await t.li('POST', '/api/records/deal/batch', { allOrNone: true, items: [{ op: 'create', data: { title: 'ok' } }, { op: 'create', data: {} }] });
    expect(rolledBack.body).toMatchObject({ code: 'BATCH_ROLLED_BACK', detail: '2 项中有 1 项失败，因此全部未执行（全部或全不）。' });
    expect(rolledBack.body.results[1].problem.errors[0].message).toBe('为必填项');
    expect(rolledBack.body.results[0].problem.detail).toBe('未执行：同一批次（全部或全不）中的另一项失败。');
  });

  it('answers someone not signed in by Accept-Language: zh-CN, and zh, read as Chinese', async () => {
    const t = await tenant();
    for (const language of ['zh-CN,zh;q=0.9,en;q=0.8', 'zh']) {
      const wrong = await api(url)('POST', '/api/auth/login', { tenant: t.slug, email: 'nobody@x.test', password: 'wrong-wrong-1' }, { 'accept-language': language });
      expect(wrong.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: '未登录', detail: '租户、邮箱或密码错误。' });
    }
    const missing = await api(url)('POST', '/api/auth/login', { tenant: t.slug }, { 'accept-language': 'zh-CN' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string; message: string }) => [e.field, /[\u4e00-\u9fff]/.test(e.message)])).toEqual([['email', true], ['password', true]]);
    const english = await api(url)('POST', '/api/auth/login', { tenant: t.slug, email: 'nobody@x.test', password: 'wrong-wrong-1' }, { 'accept-language': 'fr, en;q=0.5' });
    expect(english.body.detail).toBe('Wrong tenant, e-mail or password.');
    const malformed = await api(url)('POST', '/api/auth/login', '{"tenant":', { 'accept-language': 'zh-CN' });
    expect(malformed.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON', detail: '请求内容不是有效的 JSON。' });
  });

  it("falls back to the tenant's language for a request that names no person or language", async () => {
    const t = await tenant();
    const chinese = await serveApp(db, { tenantLocale: () => 'zh-CN' });
    try {
      const res = await api(chinese.url)('GET', `/api/public/${t.slug}/x/nothing-here`);
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.title, JSON.stringify(res.body)).toBe('未找到');
      const asked = await api(chinese.url)('GET', `/api/public/${t.slug}/x/nothing-here`, undefined, { 'accept-language': 'en' });
      expect(asked.body.title).toBe('Not Found');
    } finally {
      await chinese.close();
    }
  });
});

describe('Accept-Language', () => {
  it('reads the first language the engine speaks, by weight; * names none', () => {
    expect(acceptedLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(acceptedLocale('fr, en;q=0.5, zh;q=0.7')).toBe('zh-CN');
    expect(acceptedLocale('zh-TW, en-GB;q=0.8')).toBe('en');
    expect(acceptedLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(acceptedLocale('*')).toBeUndefined();
    expect(acceptedLocale('')).toBeUndefined();
    expect(acceptedLocale('zh;q=0, de')).toBeUndefined();
  });
});
