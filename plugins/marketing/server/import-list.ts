import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalidInput, isAppError, problem, type PluginRouteDef, type RecordData, type RouteRecords } from '../../../core/index.js';

/** At most this many rows per import. */
export const MAX_LIST_ROWS = 5000;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Column headings understood, English or Chinese. */
const HEADINGS: Record<string, string> = { email: 'email', 邮箱: 'email', name: 'name', 姓名: 'name', company: 'company', 公司: 'company', phone: 'phone', 电话: 'phone' };

interface RowProblem {
  row: number;
  field: string;
  message: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A row of the list: its line (in the file or worksheet) and its cells keyed by the understood headings. */
interface ListRow {
  line: number;
  cells: Record<string, string>;
}

const heading = (h: string): string => HEADINGS[h.trim().toLowerCase()] ?? HEADINGS[h.trim()] ?? `_${h}`;

/** The CSV's rows (the first line names the columns). */
const csvRows = (csv: string): ListRow[] => {
  try {
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: (head: string[]) => head.map(heading), skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[];
    return rows.map((cells, i) => ({ line: i + 2, cells }));
  } catch (e) {
    throw invalidInput(`The list is not valid CSV: ${(e as Error).message}`.slice(0, 300), [{ field: 'csv', message: 'is not valid CSV' }]);
  }
};

/** The rows of the first worksheet of an .xlsx workbook sent as base64 (its first non-empty row names the columns). */
const xlsxRows = async (base64: string): Promise<ListRow[]> => {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw invalidInput('The list is not a readable Excel workbook (.xlsx)', [{ field: 'xlsx', message: 'is not a readable .xlsx workbook' }]);
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: ListRow[] = [];
  let columns: string[] | undefined;
  sheet.eachRow((row, line) => {
    const values = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text.trim());
    if (!columns) {
      columns = values.map(heading);
      return;
    }
    if (values.every((v) => !v)) return;
    rows.push({ line, cells: Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ''])) });
  });
  return rows;
};

const firstOf = async (records: RouteRecords, entity: string, email: string, fields: string[]): Promise<RecordData | undefined> =>
  (await records.list(entity, { filter: { '==': [{ var: 'email' }, email] }, limit: 1, fields })).data[0];

/** One row as a member: the contact with that address, else the lead, else a new lead from the row. */
const memberFor = async (records: RouteRecords, row: Record<string, string>, campaign: RecordData): Promise<RecordData> => {
  const email = text(row.email).toLowerCase();
  const contact = await firstOf(records, 'contact', email, ['id', 'customer']);
  if (contact) return { contact: contact.id, customer: contact.customer ?? undefined };
  const lead = (await firstOf(records, 'lead', email, ['id'])) ?? (await records.create('lead', { company: text(row.company) || text(row.name) || email, contact_name: text(row.name) || email, email, phone: text(row.phone) || undefined, source: 'other', source_campaign: campaign.id }));
  return { lead: lead.id };
};

/**
 * POST /api/x/marketing/campaigns/:id/members/import {csv} or {xlsx} (an .xlsx workbook as
 * base64, its first worksheet read) — a static list (a trade show's
 * visitors, a bought list) into the campaign's members: one row per person with `email` (and
 * `name`, `company`, `phone`; headings in English or Chinese). A row finds its contact by address,
 * else its lead, else becomes a new lead with the campaign as source; people already members
 * are counted, not added twice. A bad row is reported with its line number and field and
 * changes nothing; the good rows are kept.
 */
export const importList: PluginRouteDef = {
  method: 'POST',
  path: '/campaigns/:id/members/import',
  bodyLimit: 2 * 1024 * 1024,
  async handler(req, ctx) {
    const campaign = await ctx.records.get('campaign', req.params.id, { fields: ['id', 'status'] });
    if (campaign.status === 'completed' || campaign.status === 'cancelled') throw problem('CAMPAIGN_CLOSED', { status: String(campaign.status) });
    const { csv, xlsx } = (req.body ?? {}) as RecordData;
    const field = typeof xlsx === 'string' && xlsx.trim() ? 'xlsx' : 'csv';
    if (field === 'csv' && (typeof csv !== 'string' || !csv.trim())) throw invalidInput('Send the list as CSV text or an Excel workbook', [{ field: 'csv', message: 'is required (or xlsx)' }]);
    const rows = field === 'xlsx' ? await xlsxRows(String(xlsx)) : csvRows(String(csv));
    if (rows.length > MAX_LIST_ROWS) throw invalidInput(`A list has at most ${MAX_LIST_ROWS} rows`, [{ field, message: `has ${rows.length} rows` }]);
    const errors: RowProblem[] = [];
    let added = 0;
    let already = 0;
    for (const { line, cells: row } of rows) {
      const email = text(row.email);
      if (!email) errors.push({ row: line, field: 'email', message: 'is required' });
      else if (!EMAIL.test(email)) errors.push({ row: line, field: 'email', message: 'is not an e-mail address' });
      if (errors.at(-1)?.row === line) continue;
      try {
        const who = await memberFor(ctx.records, row, campaign);
        const key = who.contact ? 'contact' : 'lead';
        const there = (await ctx.records.list('campaign_member', { filter: { and: [{ '==': [{ var: 'campaign' }, campaign.id] }, { '==': [{ var: key }, who[key]] }] }, limit: 1, fields: ['id'] })).data.length;
        if (there) already++;
        else {
          await ctx.records.create('campaign_member', { campaign: campaign.id, ...who, status: 'planned' });
          added++;
        }
      } catch (e) {
        if (!isAppError(e) || e.status >= 500) throw e;
        const fields = (e.details?.errors ?? []) as { field: string; message: string }[];
        errors.push(...(fields.length ? fields.map((f) => ({ row: line, field: f.field, message: f.message })) : [{ row: line, field: '', message: e.message }]));
      }
    }
    return { campaign: campaign.id, rows: rows.length, added, already, errors };
  },
};
