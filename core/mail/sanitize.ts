import sanitize from 'sanitize-html';

/** Tags and attributes an e-mail may carry: formatting, tables, links and images; no script, style sheet, form or frame. */
const OPTIONS: sanitize.IOptions = {
  allowedTags: [...sanitize.defaults.allowedTags, 'img', 'span', 'font', 'center'],
  allowedAttributes: {
    ...sanitize.defaults.allowedAttributes,
    '*': ['style', 'align', 'width', 'height', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan', 'valign', 'color'],
    a: ['href', 'name', 'target', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'cid'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
};

/** Admin-written (or received) HTML made safe to send and to show: scripts, handlers and `javascript:` links removed. */
export const sanitizeHtml = (html: string): string => sanitize(html, OPTIONS);
