import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

type Section = { name: string; fields?: unknown[] };

describe('a tenant form layout over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('rearranges the sections of a plugin form, and adds one where it puts it', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'form_layout')).token);
    expect((await a('POST', '/api/plugins/customers/install', {})).status).toBe(200);
    const form = (await a('GET', '/api/studio/form/customer')).body as { sections: Section[] };
    const [basic, contact, evaluation, ...related] = form.sections;
    const social = { name: 'social_media', label: { en: 'Social media', 'zh-CN': '社交媒体' }, columns: 2, fields: ['address'] };
    const sections = [evaluation, basic, social, { ...contact, fields: ['phone', 'website'] }, ...related];
    expect((await a('PUT', '/api/studio/form/customer', { ...form, sections })).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const meta = (await a('GET', '/api/meta')).body as { forms: Record<string, { sections: Section[] }> };
    const published = meta.forms.customer.sections;
    expect(published.map((s) => s.name)).toEqual(sections.map((s) => s.name));
    expect(published.find((s) => s.name === 'contact_info')?.fields).toEqual(['phone', 'website']);

    // An overlay that leaves sections out keeps the order below and appends its new ones.
    const partial = { kind: 'form', name: 'customer', entity: 'customer', sections: [{ name: 'extra', label: { en: 'Extra', 'zh-CN': '其他' }, fields: [] }] };
    expect((await a('PUT', '/api/studio/form/customer', partial)).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const after = ((await a('GET', '/api/meta')).body as { forms: Record<string, { sections: Section[] }> }).forms.customer.sections.map((s) => s.name);
    expect(after).toEqual([...form.sections.map((s) => s.name), 'extra']);
  });
});
