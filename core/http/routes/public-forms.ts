import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import getRawBody from 'raw-body';
import { FIELD_PROBLEMS, isAppError, PROBLEMS, problem, type AppError } from '../../errors.js';
import type { Tenant } from '../../db/tenant.js';
import type { Locale } from '../../metadata/types.js';
import { describeWebForm, submitWebForm } from '../../work/index.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';
import { renderFormDone, renderWebForm } from '../render-web-form.js';

const FORM_BODY_LIMIT = 64 * 1024;

/** ?lang=en|zh-CN, else the first of Accept-Language we speak, else English. */
const languageOf = (ctx: Context): Locale => {
  const asked = queryString(ctx, 'lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  const best = ctx.acceptsLanguages('en', 'zh-CN', 'zh');
  return best === 'zh-CN' || best === 'zh' ? 'zh-CN' : 'en';
};

/** Answers that may sit in another site's frame: no script, style inline, posts only back here. */
const embeddable = (ctx: Context): void => {
  ctx.remove('X-Frame-Options');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors *");
  ctx.type = 'text/html; charset=utf-8';
};

const wantsHtml = (ctx: Context): boolean => ctx.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded' || ctx.accepts('json', 'html') === 'html';

/** An HTML form's body: URL-encoded pairs (a repeated name keeps its last value). */
const readFormBody = async (ctx: Context): Promise<Record<string, string>> => {
  const text = await getRawBody(ctx.req, { limit: FORM_BODY_LIMIT, encoding: 'utf8' }).catch(() => {
    throw problem('PAYLOAD_TOO_LARGE', { limit: `${FORM_BODY_LIMIT} bytes` });
  });
  return Object.fromEntries(new URLSearchParams(text));
};

/** A field error in the form's language: the registry's Chinese text when the English one is known. */
const fieldText = (message: string, lang: Locale): string => {
  if (lang === 'en') return message;
  return Object.values(FIELD_PROBLEMS).find((p) => p.en === message)?.[lang] ?? message;
};

const fieldErrors = (e: AppError, lang: Locale): Record<string, string> =>
  Object.fromEntries((e.details.errors ?? []).map((f) => [f.field.replace(/^\//, '').split('/')[0], fieldText(f.message, lang)]));

/**
 * Web forms of the tenant's plugins at /api/public/<tenant>/forms/<name>: GET draws the form
 * (HTML, or its description and token as JSON), POST (URL-encoded or JSON) submits it. HTML
 * callers get the form again with each failing field marked; JSON callers get problem+json.
 * A dropped submit (honeypot, too fast) gets the same answer as a stored one.
 */
export const publicFormRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/public/:tenant/forms' });
  const tenantOf = (ctx: Context): Tenant => ctx.state.publicTenant as Tenant;

  r.get('/:name', allowQuery('lang'), async (ctx) => {
    const lang = languageOf(ctx);
    const form = await describeWebForm(knex, { tenant: tenantOf(ctx), name: ctx.params.name });
    ctx.set('Cache-Control', 'no-store');
    ctx.vary('Accept-Language');
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.body = form;
      return;
    }
    embeddable(ctx);
    ctx.body = renderWebForm(form, lang);
  });

  r.post('/:name', allowQuery('lang'), async (ctx) => {
    const lang = languageOf(ctx);
    const html = wantsHtml(ctx);
    const body = ctx.is('application/x-www-form-urlencoded') ? await readFormBody(ctx) : ctx.state.body;
    const tenant = tenantOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    try {
      const result = await submitWebForm(knex, { tenant, name: ctx.params.name, body });
      ctx.status = html ? 200 : 201;
      if (!html) {
        ctx.body = { ok: true, message: result.message };
        return;
      }
      const form = await describeWebForm(knex, { tenant, name: ctx.params.name });
      embeddable(ctx);
      ctx.body = renderFormDone(form.title[lang], result.message[lang], lang);
    } catch (e) {
      if (!html || !isAppError(e) || (e.status !== 400 && e.code !== 'FORM_EXPIRED')) throw e;
      const form = await describeWebForm(knex, { tenant, name: ctx.params.name });
      const banner = e.code === 'FORM_EXPIRED' ? PROBLEMS.FORM_EXPIRED[lang] : (e.details.errors ?? []).length ? undefined : e.message;
      embeddable(ctx);
      ctx.status = e.status;
      ctx.body = renderWebForm(form, lang, { values: body as Record<string, unknown>, errors: fieldErrors(e, lang), banner });
    }
  });

  return r;
};
