import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub.js';
import { meta } from '../../testing/fixtures.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioPluginsPage from './StudioPluginsPage.vue';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const list = [
  { name: 'customers', label: label('Customers', '客户管理'), status: 'installed', availableVersion: '1.1.0', installedVersion: '1.0.0', upgradeAvailable: true, requires: {}, requiredBy: ['sales'] },
  { name: 'products', label: label('Products', '产品'), status: 'available', availableVersion: '1.0.0', installedVersion: null, upgradeAvailable: false, requires: {}, requiredBy: [] },
  { name: 'sales', label: label('Sales', '销售管理'), status: 'installed', availableVersion: '1.0.0', installedVersion: '1.0.0', upgradeAvailable: false, requires: { customers: '^1.0.0' }, requiredBy: [] },
  { name: 'service', label: label('Service', '服务'), status: 'available', availableVersion: '1.0.0', installedVersion: null, upgradeAvailable: false, requires: { sales: '^1.0.0', products: '^1.0.0' }, requiredBy: [] },
];
const result = (plugin: string, change: string) => ({ changes: [{ plugin, version: '1.0.0', change }], notes: [], schemaSteps: [], seeded: {} });

const buttonIn = (selector: string, text: string) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

describe('plugin manager', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows versions and dependencies, and offers install, upgrade or uninstall by state', async () => {
    stubFetch({ 'GET /api/plugins': { data: list }, 'GET /api/meta': meta });
    const w = mountApp(StudioPluginsPage);
    await flushPromises();
    const row = (name: string) => w.find(`.plugin-${name}`);
    expect(row('customers').find('.plugin-status').text()).toBe('Installed');
    expect(row('customers').text()).toContain('Available: 1.1.0');
    expect(row('customers').text()).toContain('Installed: 1.0.0');
    expect(row('customers').find('.required-by').text()).toBe('Required by: Sales');
    expect(row('sales').find('.requires').text()).toBe('Requires: Customers ^1.0.0');
    expect(row('customers').findAll('button').map((b) => [b.text(), b.attributes('disabled') !== undefined])).toEqual([
      ['Upgrade to 1.1.0', false],
      ['Uninstall', true],
    ]);
    expect(row('products').findAll('button').map((b) => b.text())).toEqual(['Install']);
    expect(row('sales').findAll('button').map((b) => b.text())).toEqual(['Uninstall']);
    w.unmount();
  });

  it('installs with the demo-data option, naming what comes along, and confirms an uninstall saying data is kept', async () => {
    const { calls } = stubFetch({
      'GET /api/plugins': { data: list },
      'GET /api/meta': meta,
      'POST /api/plugins/service/install': result('service', 'installed'),
      'POST /api/plugins/sales/uninstall': result('sales', 'uninstalled'),
    });
    const w = mountApp(StudioPluginsPage);
    await flushPromises();
    await w.find('.plugin-service').findAll('button')[0].trigger('click');
    await flushPromises();
    expect(document.querySelector('.install-dialog')!.textContent).toContain('Also installs what it requires: Products');
    const demo = document.querySelector('.install-dialog .demo-data input') as HTMLInputElement;
    demo.click();
    await flushPromises();
    buttonIn('.install-dialog', 'Install')!.click();
    await flushPromises();
    const install = calls.find((c) => c.url === '/api/plugins/service/install')!;
    expect(JSON.parse(install.body!)).toEqual({ withDemoData: true });

    await w.find('.plugin-sales').findAll('button')[0].trigger('click');
    await flushPromises();
    expect(document.querySelector('.el-message-box')!.textContent).toContain('Its records and fields are kept');
    buttonIn('.el-message-box', 'Uninstall')!.click();
    await vi.waitFor(() => expect(calls.some((c) => c.url === '/api/plugins/sales/uninstall' && c.method === 'POST')).toBe(true), { timeout: 10_000 });
    w.unmount();
  });
});
