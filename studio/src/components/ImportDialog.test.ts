import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { meta } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import ImportDialog from './ImportDialog.vue';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('ImportDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('takes an Excel workbook: previews it with the errors per line, then imports the good rows', async () => {
    const report = { created: 1, updated: 0, failed: 1, errors: [{ line: 3, field: 'amount', message: '"many" is not a number' }], committed: false, dryRun: true, ignoredColumns: [] };
    const { calls } = stubFetch({
      'POST /api/records/deal/import': (url: string) => (url.includes('dryRun=true') ? json(200, report) : json(200, { ...report, dryRun: false, committed: true })),
    });
    const imported = vi.fn();
    const w = mountApp(ImportDialog, { props: { entityName: 'deal', entity: meta.entities.deal, modelValue: true, onImported: imported } });
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('.import-dialog input[type=file]')!;
    expect(input.accept).toContain('.xlsx');
    expect(document.querySelector('.import-dialog')!.textContent).toContain('Import CSV / Excel');
    Object.defineProperty(input, 'files', { value: [new File(['PK\x03\x04'], 'deals.xlsx', { type: '' })] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    document.querySelector<HTMLButtonElement>('.preview-button')!.click();
    await flushPromises();
    expect(calls[0].headers['content-type']).toBe(XLSX);
    expect(calls[0].url).toBe('/api/records/deal/import?dryRun=true');
    const rows = [...document.querySelectorAll('.import-errors .el-table__row')].map((r) => r.textContent);
    expect(rows).toEqual(['3amount"many" is not a number']);
    expect(document.querySelector<HTMLButtonElement>('.import-button')!.disabled).toBe(true);
    document.querySelector<HTMLElement>('.partial input')!.click();
    await flushPromises();
    document.querySelector<HTMLButtonElement>('.import-button')!.click();
    await flushPromises();
    expect(calls[1].url).toBe('/api/records/deal/import?partial=true');
    expect(imported).toHaveBeenCalledWith(expect.objectContaining({ committed: true, created: 1 }));
    w.unmount();
  });

  it('lets an admin import without starting workflows, and says so before the import', async () => {
    const report = { created: 1, updated: 0, failed: 0, errors: [], committed: false, dryRun: true, ignoredColumns: [], workflows: false };
    const { calls } = stubFetch({
      'POST /api/records/deal/import': (url: string) => (url.includes('dryRun=true') ? json(200, report) : json(200, { ...report, dryRun: false, committed: true })),
    });
    const w = mountApp(ImportDialog, { props: { entityName: 'deal', entity: meta.entities.deal, modelValue: true } });
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('.import-dialog input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [new File(['name\nAcme'], 'deals.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    document.querySelector<HTMLElement>('.start-workflows input')!.click();
    await flushPromises();
    document.querySelector<HTMLButtonElement>('.preview-button')!.click();
    await flushPromises();
    expect(calls[0].url).toBe('/api/records/deal/import?dryRun=true&workflows=false');
    expect(document.querySelector('.no-workflows')!.textContent).toBe('The imported rows will start no workflows.');
    document.querySelector<HTMLButtonElement>('.import-button')!.click();
    await flushPromises();
    expect(calls[1].url).toBe('/api/records/deal/import?workflows=false');
    w.unmount();
  });
});
