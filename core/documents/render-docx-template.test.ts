import { describe, expect, it } from 'vitest';
import { buildDocx, docxText, renderDocxTemplate } from './index.js';

describe('renderDocxTemplate', () => {
  const template = buildDocx([
    { text: 'Contract {number} 合同 for {party}', bold: true },
    { table: [['Item 品名', 'Qty'], ['{#rows}{name}', '{qty}{/rows}']] },
    { text: '{^rows}No rows{/rows}Total 合计 {total}' },
  ]);

  it('fills fields and repeats a table row per item, in any language', () => {
    const text = docxText(renderDocxTemplate(template, { number: 'Q-1', party: '杭州云栖', rows: [{ name: '服务器', qty: 2 }, { name: 'Disk', qty: 8 }], total: '¥1,000.00' }));
    expect(text).toContain('Contract Q-1 合同 for 杭州云栖');
    expect(text).toMatch(/服务器\s*2[\s\S]*Disk\s*8/);
    expect(text).toContain('Total 合计 ¥1,000.00');
    expect(docxText(renderDocxTemplate(template, { rows: [] }))).toContain('No rows');
  });

  it('names the broken tags of a bad template in a 422, and refuses a file that is not a .docx', () => {
    const broken = buildDocx([{ text: 'Dear {name' }, { text: '{#lines}{item}' }]);
    let error: { details: { errors: { code: string }[] } } | undefined;
    try {
      renderDocxTemplate(broken, {});
    } catch (e) {
      error = e as typeof error;
    }
    expect(error).toMatchObject({ status: 422, code: 'DOCUMENT_TEMPLATE_INVALID' });
    expect(error!.details.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['TEMPLATE_UNCLOSED_TAG', 'TEMPLATE_UNCLOSED_LOOP']));
    expect(() => renderDocxTemplate(Buffer.from('not a zip'), {})).toThrow(expect.objectContaining({ status: 422, code: 'DOCUMENT_TEMPLATE_INVALID' }));
  });
});
