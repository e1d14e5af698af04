import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n/index.js';
import { mountApp } from '../../testing/mount-app.js';
import { stubFetch } from '../../testing/fetch-stub.js';
import StudioAuditPage from './StudioAuditPage.vue';

const entries = [
  { id: '3', at: '2026-12-07T02:00:00Z', actorId: null, actorName: null, action: 'tenant.export', target: 'acme', ip: null, details: { rows: 1200, via: 'cli', host: 'crm-01' } },
  { id: '2', at: '2026-12-07T01:00:00Z', actorId: 'u1', actorName: 'Ada', action: 'records.export', target: 'deal', ip: '10.0.0.7', details: { rows: 42, via: 'http' } },
  { id: '1', at: '2026-12-07T00:00:00Z', actorId: null, actorName: null, action: 'recycle_bin.purge', target: 'entity:deal', ip: null, details: { count: 3, retentionDays: 30 } },
];

describe('the audit page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    setLocale('en');
  });

  it('names exports and purges with what, how many rows and from where, in the reader’s language', async () => {
    const { calls } = stubFetch({
      'GET /api/settings': { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'en', weekStart: 'mon', fiscalYearStart: 1, version: 1 },
      'GET /api/users': { data: [] },
      'GET /api/audit': { data: entries, nextCursor: null },
    });
    const w = mountApp(StudioAuditPage);
    await flushPromises();
    const cells = () => w.findAll('.audit-table tbody tr').map((tr) => tr.findAll('td').slice(1).map((td) => td.text()));
    expect(cells()).toEqual([
      ['The system', 'Exported the whole tenant (archive)', 'acme (1200 rows)', 'Command line on crm-01'],
      ['Ada', 'Exported records', 'Deal (42 rows)', '10.0.0.7'],
      ['The system', 'Deleted records for ever after the retention window', 'Deal (3 rows)', ''],
    ]);
    setLocale('zh-CN');
    await flushPromises();
    expect(cells()[0]).toEqual(['系统', '导出整个租户（归档）', 'acme（1200 行）', 'crm-01 上的命令行']);
    expect(calls.some((c) => c.url.startsWith('/api/audit'))).toBe(true);
    w.unmount();
  });

  it('filters by the families of actions an admin looks for: publishes, plugins, settings, secrets, approvals, portal', async () => {
    const { calls } = stubFetch({
      'GET /api/settings': { timeZone: 'Asia/Shanghai', currency: 'CNY', locale: 'en', weekStart: 'mon', fiscalYearStart: 1, version: 1 },
      'GET /api/users': { data: [] },
      'GET /api/audit': { data: [], nextCursor: null },
    });
    const w = mountApp(StudioAuditPage);
    await flushPromises();
    const items = () => [...document.querySelectorAll('.el-select-dropdown__item')] as HTMLElement[];
    const offered = items().map((e) => e.textContent!.trim());
    expect(offered).toEqual(expect.arrayContaining(['Metadata publishes', 'Plugins', 'Tenant settings', 'Script secrets', 'Approvals', 'Portal sign-ins']));
    items().find((e) => e.textContent!.trim() === 'Plugins')!.click();
    await flushPromises();
    const last = calls.filter((c) => c.url.startsWith('/api/audit')).at(-1)!;
    expect(new URL(last.url, 'http://x').searchParams.get('action')).toBe('plugin.');
    expect(w.find('.audit-table').text()).toContain('Nothing was recorded for this choice.');
    w.unmount();
  });
});
