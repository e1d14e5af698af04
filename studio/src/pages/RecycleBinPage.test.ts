import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/index.js';
import { mountApp } from '../testing/mount-app.js';
import { stubFetch } from '../testing/fetch-stub.js';
import RecycleBinPage from './RecycleBinPage.vue';

const deleted = { id: 'd1', version: 2, title: 'Acme renewal', deleted_at: '2026-12-01T20:00:00Z', updated_at: '2026-12-01T20:00:00Z' };

describe('the recycle bin page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    setLocale('en');
  });

  it('shows the retention window and the day each record goes for ever, in the tenant’s zone and the reader’s language', async () => {
    stubFetch({
      'GET /api/settings': { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN', weekStart: 'mon', fiscalYearStart: 1, recycleBinDays: 10, version: 3 },
      'GET /api/users': { data: [] },
      'GET /api/records/deal': { data: [deleted], nextCursor: null },
      'GET /api/records/account': { data: [deleted], nextCursor: null },
    });
    const w = mountApp(RecycleBinPage);
    await flushPromises();
    expect(w.find('.retention').text()).toBe('Deleted records stay here for 10 days; then they are deleted for ever, automatically.');
    // Deleted 04:00 on 2 December in Shanghai: gone on the 12th there (the 11th in UTC would be wrong).
    expect(w.find('.purge-day').text()).toBe('Dec 12, 2026');
    setLocale('zh-CN');
    await flushPromises();
    expect(w.find('.retention').text()).toBe('已删除的记录在此保留 10 天，之后将被自动彻底删除。');
    expect(w.find('.purge-day').text()).toBe('2026年12月12日');
    w.unmount();
  });
});
