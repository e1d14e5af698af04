/** Documents made from templates: a Word (.docx) template filled with a record's values (docxtemplater). */
export { renderDocxTemplate, docxText, type TemplateData, type TemplateTagProblem } from './render-docx-template.js';
export { buildDocx, type DocxBlock } from './build-docx.js';
