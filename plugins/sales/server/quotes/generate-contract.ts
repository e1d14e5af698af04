import { Readable } from 'node:stream';
import { getRecord, listRecords, problem, readStoredFile, renderDocxTemplate, storeFile, updateRecord, type RecordActionDef, type RecordContext, type RecordData } from '../../../../core/index.js';
import { today, withSystemRights } from '../shared.js';
import { contractData } from './contract-data.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The template asked for, else the newest one in use in the quote's language (422 when there is none). */
const templateFor = async (quote: RecordData, asked: unknown, ctx: RecordContext): Promise<RecordData> => {
  if (typeof asked === 'string' && asked) return getRecord('document_template', asked, ctx);
  const found = await listRecords('document_template', { filter: { and: [{ '==': [{ var: 'active' }, true] }, { '==': [{ var: 'language' }, quote.language] }] }, sort: '-updated_at', limit: 1 }, ctx);
  if (!found.data.length) throw problem('NO_CONTRACT_TEMPLATE', { language: String(quote.language) }, { errors: [{ field: 'template', message: 'no template in use for this language' }] });
  return found.data[0];
};

/**
 * 生成合同: fills the contract template (the one asked for, else the newest in use in the
 * quote's language) with the quote, its customer and its lines, stores the .docx as the
 * quote's `contract_file` (an upload of the caller's, under the field's rights and limits) and
 * records the template and its version on the quote. A broken template is a 422 naming its
 * broken tags, and nothing changes.
 */
export const generateContract = async (quote: RecordData, params: Record<string, unknown>, ctx: RecordContext): Promise<RecordData> => {
  if (quote.status === 'superseded') throw problem('QUOTE_READ_ONLY', { code: String(quote.code), status: String(quote.status) });
  const template = await templateFor(quote, params.template, ctx);
  const file = template.file as { id?: string } | null;
  const bytes = await readStoredFile(String(file?.id ?? ''), ctx);
  const document = renderDocxTemplate(bytes.data, await contractData(quote, today(ctx), ctx));
  const stored = await storeFile({ name: `${String(quote.code)}-v${String(quote.version_no)}-contract.docx`, type: DOCX, body: Readable.from([document]), declaredSize: document.length, for: { entity: 'quote', field: 'contract_file' } }, ctx);
  return updateRecord('quote', String(quote.id), { contract_file: stored, contract_template: template.id, contract_template_version: template.template_version }, withSystemRights(ctx), { ifMatch: Number(quote.version) });
};

/** POST /api/records/quote/:id/actions/generate_contract `{template?}` (right `quote.generate_contract`). */
export const generateContractAction: RecordActionDef = {
  label: { en: 'Generate contract', 'zh-CN': '生成合同' },
  when: { in: [{ var: 'status' }, ['approved', 'sent', 'accepted']] },
  run: ({ record, params }, ctx) => generateContract(record, params, ctx),
};
