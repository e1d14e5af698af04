import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/** Excel export and import from the list, and files attached to a record in its form. */
describe('Excel export and import, attachments', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const bytesOf = async (download: Download): Promise<Buffer> => {
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_files');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(() => expect(problems).toEqual([]));
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('exports the customers as an Excel workbook from the list\'s export menu', async () => {
    await page.goto('/app/customer');
    await page.locator('.el-table__row').first().waitFor();
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).waitFor();
    await app.shot(page, '60-export-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe('customer.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(download)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(expect.arrayContaining(['id', 'code', 'name', 'grade', 'region', 'credit_rating', 'created_at']));
    expect(sheet.rowCount).toBe(201);
    const first = (await app.call('GET', '/api/records/customer?limit=1&sort=id&fields=code,name,credit_rating')).body.data[0] as { code: string; name: string; credit_rating: number | null };
    const row = sheet.getRow(2);
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1).value;
    expect([cell('code'), cell('name')]).toEqual([first.code, first.name]);
    if (first.credit_rating !== null) expect(cell('credit_rating')).toBe(first.credit_rating);
    expect(cell('created_at')).toBeInstanceOf(Date);
  });

  it('imports an .xlsx after a dry-run preview that shows the bad line, then imports the good rows', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Customers');
    sheet.addRow(['name', 'grade', 'credit_rating']);
    sheet.addRow(['Excel Alpha Ltd', 'major', 3]);
    sheet.addRow(['Excel Beta Ltd', 'no_such_grade', 4]);
    sheet.addRow(['Excel Gamma Ltd', 'normal', 5]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    await page.goto('/app/customer');
    await page.getByRole('button', { name: 'Import CSV / Excel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import CSV / Excel' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'customers.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    const dry = page.waitForResponse((r) => r.url().includes('/import?dryRun=true'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    expect((await dry).status()).toBe(200);
    await dialog.getByText('Would create 2 and update 0; rows with errors: 1').waitFor();
    await dialog.locator('.import-errors .el-table__row').filter({ hasText: 'grade' }).filter({ hasText: '3' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await app.shot(page, '61-import-xlsx-preview');

    await dialog.getByText('Import the good rows and skip the rows with errors').click();
    const real = page.waitForResponse((r) => r.url().includes('/import?partial=true'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await (await real).json()).toMatchObject({ created: 2, failed: 1, committed: true });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Imported: 2 created, 0 updated, 1 skipped').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Excel');
    await expect.poll(() => page.locator('.el-table__row').filter({ hasText: /Excel (Alpha|Gamma) Ltd/ }).count()).toBe(2);
    expect(await page.locator('.el-table__row').filter({ hasText: 'Excel Beta Ltd' }).count()).toBe(0);
  });

  it('attaches a file to an activity in its form, saves, and downloads it from the record page', async () => {
    const activity = (await app.call('GET', '/api/records/activity?limit=1&fields=subject')).body.data[0] as { id: string; subject: string };
    await page.goto(`/app/activity/${activity.id}/edit`);
    const field = page.locator('[data-field="attachments"]');
    await field.getByText('Up to 10 MB each').waitFor();
    // A type the field does not take is refused with a message before anything is sent.
    await field.locator('input[type=file]').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await field.getByRole('alert').getByText('tool.exe is not one of the types taken').waitFor();
    const contract = Buffer.from('%PDF-1.4 合同 contract scan');
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/files?entity=activity&field=attachments') && r.request().method() === 'POST');
    await field.locator('input[type=file]').setInputFiles({ name: '合同 contract.pdf', mimeType: 'application/pdf', buffer: contract });
    expect((await uploaded).status()).toBe(201);
    await field.getByRole('link', { name: 'Download 合同 contract.pdf' }).waitFor();
    expect(await field.getByRole('alert').count()).toBe(0);
    await app.shot(page, '62-attachment-in-form');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await page.waitForURL(at(/^\/app\/activity\/[0-9a-f-]{36}$/));

    const link = page.locator('[data-field="attachments"]').getByRole('link', { name: '合同 contract.pdf' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('合同 contract.pdf');
    expect((await bytesOf(download)).equals(contract)).toBe(true);
    await app.shot(page, '63-attachment-on-record');

    const phone = await app.newPage({ width: 375, height: 812 });
    await phone.page.goto('/app');
    await signIn(phone.page, app);
    await phone.page.waitForURL(at(/^\/app$/));
    await phone.page.goto(`/app/activity/${activity.id}/edit`);
    const onPhone = phone.page.locator('[data-field="attachments"]');
    await onPhone.getByRole('link', { name: 'Download 合同 contract.pdf' }).waitFor();
    const box = await onPhone.locator('.el-upload-dragger').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await app.shot(phone.page, '64-attachment-phone');
    await phone.context.close();
  });
});
