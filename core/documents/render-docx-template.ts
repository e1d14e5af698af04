import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { AppError, problem } from '../errors.js';

/** The values a template is filled with: `{field}` tags read them, `{#lines}…{/lines}` loops over an array of objects. */
export type TemplateData = Record<string, unknown>;

/** One tag of a template that could not be used, as the problem's `errors` name it. */
export interface TemplateTagProblem {
  field: string;
  message: string;
  code: string;
}

interface DocxErrorDetail {
  properties?: { id?: string; xtag?: string; explanation?: string; file?: string; errors?: DocxErrorDetail[] };
  message?: string;
}

/** docxtemplater's error ids (unclosed_tag, unopened_loop…) to the tag at fault, its explanation and an upper-case code. */
const tagProblems = (error: DocxErrorDetail): TemplateTagProblem[] => {
  const inner = error.properties?.errors?.length ? error.properties.errors : [error];
  return inner.map((e) => ({
    field: e.properties?.xtag ? `{${e.properties.xtag}}` : 'template',
    message: (e.properties?.explanation ?? e.message ?? 'cannot be read').slice(0, 300),
    code: `TEMPLATE_${(e.properties?.id ?? 'unreadable').toUpperCase()}`.slice(0, 64),
  }));
};

const brokenTemplate = (errors: TemplateTagProblem[]): AppError => problem('DOCUMENT_TEMPLATE_INVALID', { count: errors.length }, { errors });

/**
 * Fills a Word (.docx) template with `data` (logic-less: `{field}`, `{#rows}…{/rows}` for a
 * table's repeated row, `{^field}` when empty) and answers the new document's bytes. Text in
 * any language passes through as Unicode; a missing value renders empty. A file that is not a
 * .docx, or a template with broken tags, is a 422 DOCUMENT_TEMPLATE_INVALID naming each tag at
 * fault (`errors[].field` is the tag as written), and nothing is produced.
 */
export const renderDocxTemplate = (template: Buffer, data: TemplateData): Buffer => {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw brokenTemplate([{ field: 'template', message: 'is not a Word (.docx) file', code: 'TEMPLATE_NOT_DOCX' }]);
  }
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, errorLogging: false, nullGetter: () => '' });
  } catch (error) {
    throw brokenTemplate(tagProblems(error as DocxErrorDetail));
  }
  try {
    doc.render(data);
  } catch (error) {
    throw brokenTemplate(tagProblems(error as DocxErrorDetail));
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
};

/** The text of a .docx's main body (word/document.xml without its markup), for checking what a rendered document says. */
export const docxText = (document: Buffer): string => {
  const xml = new PizZip(document).file('word/document.xml')?.asText() ?? '';
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
};
