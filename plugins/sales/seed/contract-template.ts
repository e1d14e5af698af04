import { buildDocx, type DocxBlock } from '../../../core/index.js';

/** The table of a contract's lines: a header row, then one row repeated per quote line. */
const linesTable = (header: string[]): DocxBlock => ({
  table: [header, ['{#lines}{no}', '{product}', '{sku}', '{quantity}', '{list_price}', '{discount}%', '{unit_price}', '{line_total}{/lines}']],
});

/**
 * The demo sales contract as a Word template (Chinese with English headings, or English with
 * Chinese headings): the quote's fields, a table of its lines and the total. An admin opens
 * it in Word, restyles it and uploads it again; the tags in braces are what gets filled.
 */
export const demoContractTemplate = (language: 'en' | 'zh-CN'): Buffer =>
  buildDocx(
    language === 'zh-CN'
      ? [
          { text: '销售合同 Sales Contract', bold: true },
          { text: '合同编号 No.: {code}-V{version}　　签订日期 Date: {today}' },
          { text: '买方 Buyer: {customer}' },
          { text: '卖方 Seller: 本公司' },
          { text: '项目 Subject: {title}' },
          { text: '一、产品与价格 Products and prices', bold: true },
          linesTable(['序号 No.', '产品 Product', '编码 SKU', '数量 Qty', '标准价 List price', '折扣 Discount', '单价 Unit price', '金额 Amount']),
          { text: '合同总额 Total: 人民币 {total} 元（CNY）', bold: true },
          { text: '二、有效期 Validity', bold: true },
          { text: '本报价于 {quote_date} 出具，有效期至 {valid_until}。' },
          { text: '三、其他约定 Other terms', bold: true },
          { text: '{notes}' },
          { text: '买方签章 Buyer: ________________　　卖方签章 Seller: ________________' },
        ]
      : [
          { text: 'Sales Contract 销售合同', bold: true },
          { text: 'Contract no. 合同编号: {code}-V{version}    Date 日期: {today}' },
          { text: 'Buyer 买方: {customer}' },
          { text: 'Subject 项目: {title}' },
          { text: '1. Products and prices 产品与价格', bold: true },
          linesTable(['No.', 'Product', 'SKU', 'Qty', 'List price', 'Discount', 'Unit price', 'Amount']),
          { text: 'Contract total 合同总额: CNY {total}', bold: true },
          { text: '2. Validity 有效期', bold: true },
          { text: 'Quoted on {quote_date}, valid until {valid_until}.' },
          { text: '3. Other terms 其他约定', bold: true },
          { text: '{notes}' },
          { text: 'For the buyer: ________________    For the seller: ________________' },
        ],
  );
