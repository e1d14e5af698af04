import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountApp } from '../testing/mount-app.js';
import ExportMenu from './ExportMenu.vue';

describe('ExportMenu', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('offers CSV and Excel and downloads the listed records (filter and order) in the chosen format', async () => {
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href')!, download: this.download });
    });
    const filter = { '==': [{ var: 'grade' }, 'major'] };
    const w = mountApp(ExportMenu, { props: { entity: 'customer', filter, sort: '-name' } });
    const button = w.find('button.export-button');
    expect(button.text()).toBe('Export');
    await button.trigger('click');
    await flushPromises();
    const items = [...document.querySelectorAll<HTMLElement>('.el-dropdown-menu__item')];
    expect(items.map((i) => i.textContent?.trim())).toEqual(['CSV (.csv)', 'Excel (.xlsx)']);
    items[1].click();
    await flushPromises();
    items[0].click();
    await flushPromises();
    const q = `filter=${encodeURIComponent(JSON.stringify(filter))}&sort=-name`;
    expect(clicked).toEqual([
      { href: `/api/records/customer/export?${q}&format=xlsx`, download: 'customer.xlsx' },
      { href: `/api/records/customer/export?${q}`, download: 'customer.csv' },
    ]);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    w.unmount();
  });

  it('speaks Chinese', async () => {
    const w = mountApp(ExportMenu, { props: { entity: 'customer' } }, 'zh-CN');
    expect(w.find('button.export-button').text()).toBe('导出');
    w.unmount();
  });
});
