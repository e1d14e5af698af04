import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { returnToRecordPage, safeReturnTo } from './return-to.js';

describe('safeReturnTo', () => {
  it('keeps paths inside the app, with their query', () => {
    expect(safeReturnTo('/app/customer/42')).toBe('/app/customer/42');
    expect(safeReturnTo(['/app/customer/42?tab=contacts'])).toBe('/app/customer/42?tab=contacts');
  });

  it('refuses other sites, protocol-relative and escaping paths, and non-strings', () => {
    for (const raw of ['https://evil.example/app/x', '//evil.example/app/x', '/\\evil.example', '/app\\..\\x', '/studio/entities', '/app/../studio', 'javascript:alert(1)', '/app/x\n', undefined, 42, null]) {
      expect(safeReturnTo(raw), String(raw)).toBeUndefined();
    }
  });
});

describe('a create started on a record page', () => {
  const router = () =>
    createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/app/:entity', name: 'list', component: { render: () => null } },
        { path: '/app/:entity/new', name: 'create', component: { render: () => null } },
        { path: '/app/:entity/:id', name: 'record', component: { render: () => null } },
      ],
    });
  const withGuard = () => {
    const r = router();
    r.beforeEach((to, from) => returnToRecordPage(to, from) ?? true);
    return r;
  };

  it('returns to that page, keeping the form prefill, whatever link or button started it', async () => {
    const r = withGuard();
    await r.push('/app/customer/c1?tab=details');
    await r.push({ path: '/app/activity/new', query: { customer: 'c1' } });
    expect(r.currentRoute.value.query).toEqual({ customer: 'c1', returnTo: '/app/customer/c1?tab=details' });
  });

  it('keeps a returnTo the link names, and adds none from a list or the home page', async () => {
    const r = withGuard();
    await r.push('/app/customer/c1');
    await r.push({ path: '/app/contact/new', query: { returnTo: '/app/customer' } });
    expect(r.currentRoute.value.query).toEqual({ returnTo: '/app/customer' });
    await r.push('/app/customer');
    await r.push('/app/customer/new');
    expect(r.currentRoute.value.query).toEqual({});
  });
});
