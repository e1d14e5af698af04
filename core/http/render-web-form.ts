import type { Locale } from '../metadata/types.js';
import type { WebFormView } from '../work/index.js';
import { FORM_TOKEN_FIELD } from '../work/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text and attribute values escaped for HTML. */
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const INPUT_TYPE: Record<string, string> = { email: 'email', phone: 'tel', url: 'url', integer: 'number', decimal: 'number', date: 'date' };

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:16px;color:#1f2937;background:#fff}
form,.done{max-width:520px}h1{font-size:1.4em;margin:0 0 12px}label{display:block;margin:12px 0 4px;font-weight:600}
input,textarea{width:100%;box-sizing:border-box;padding:8px;border:1px solid #cbd5e1;border-radius:6px;font:inherit}
textarea{min-height:96px}.err{color:#b91c1c;font-size:.9em;margin-top:4px}.banner{background:#fef2f2;color:#991b1b;padding:8px;border-radius:6px}
button{margin-top:16px;padding:10px 18px;border:0;border-radius:6px;background:#2563eb;color:#fff;font:inherit;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}`;

const page = (lang: Locale, title: string, body: string): string =>
  `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

export interface RenderState {
  values?: Record<string, unknown>;
  /** Field name → message. */
  errors?: Record<string, string>;
  /** A message above the form (an expired form). */
  banner?: string;
}

/** The whole form as one self-contained HTML page (inline style, no script), posting back to its own address. */
export const renderWebForm = (form: WebFormView, lang: Locale, state: RenderState = {}): string => {
  const fields = form.fields
    .map((f) => {
      const id = `f_${f.name}`;
      const value = state.values?.[f.name];
      const attrs = `id="${id}" name="${esc(f.name)}"${f.required ? ' required' : ''}${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}`;
      const control = f.multiline ? `<textarea ${attrs}>${esc(value)}</textarea>` : `<input type="${INPUT_TYPE[f.type] ?? 'text'}" ${attrs} value="${esc(value)}">`;
      const error = state.errors?.[f.name] ? `<div class="err" role="alert">${esc(state.errors[f.name])}</div>` : '';
      return `<label for="${id}">${esc(f.label[lang])}${f.required ? ' *' : ''}</label>${control}${error}`;
    })
    .join('');
  const banner = state.banner ? `<p class="banner" role="alert">${esc(state.banner)}</p>` : '';
  const intro = form.intro ? `<p>${esc(form.intro[lang])}</p>` : '';
  const trap = `<div class="hp" aria-hidden="true"><label for="hp_${esc(form.honeypot)}">Leave this empty</label><input type="text" id="hp_${esc(form.honeypot)}" name="${esc(form.honeypot)}" tabindex="-1" autocomplete="off"></div>`;
  const body = `<form method="post" accept-charset="utf-8"><h1>${esc(form.title[lang])}</h1>${intro}${banner}${fields}${trap}<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${esc(form.token)}"><button type="submit">${esc(form.submitLabel[lang])}</button></form>`;
  return page(lang, form.title[lang], body);
};

/** The page shown after a submit. */
export const renderFormDone = (title: string, message: string, lang: Locale): string => page(lang, title, `<div class="done" role="status"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>`);
