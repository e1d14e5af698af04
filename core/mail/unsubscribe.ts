import type { Knex } from 'knex';
import Mustache from 'mustache';
import { withTenant } from '../db/tenant.js';
import { problem } from '../errors.js';
import { findTenant } from '../tenants/tenant-store.js';
import { recordOptOut } from './opt-outs.js';
import { signingKey } from './settings.js';
import { verifyUnsubscribe, type UnsubscribeOrigin } from './unsubscribe-token.js';

/** What an unsubscribe link names, checked against the tenant's key; 400 for a link that is not one. */
const linkOf = async (trx: Knex, token: string | undefined): Promise<{ address: string } & UnsubscribeOrigin> => {
  const named = token && token.length < 2000 ? await verifyUnsubscribe(token, await signingKey(trx)) : undefined;
  if (!named) throw problem('BAD_UNSUBSCRIBE_LINK');
  return named;
};

/** An opt-out a link recorded: the address, whether it is new, and (when the link came in a bulk message) that message's record and the sender's action for it. */
export interface Unsubscribed {
  address: string;
  fresh: boolean;
  record?: { entity: string; id: string };
  action?: string;
}

const inTenant = async <T>(knex: Knex, slug: string, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => {
  const tenant = await findTenant(knex, slug);
  if (!tenant) throw problem('BAD_UNSUBSCRIBE_LINK');
  return withTenant(knex, tenant, fn);
};

/** Checks a link without changing anything (the confirm page); answers the address it names. */
export const checkUnsubscribe = (knex: Knex, slug: string, token: string | undefined): Promise<string> => inTenant(knex, slug, async (trx) => (await linkOf(trx, token)).address);

/** Records the opt-out a link asks for (one click, or the confirm page's button); repeating it is harmless. */
export const confirmUnsubscribe = (knex: Knex, slug: string, token: string | undefined): Promise<Unsubscribed> =>
  inTenant(knex, slug, async (trx) => {
    const { address, message, action } = await linkOf(trx, token);
    const fresh = await recordOptOut(trx, address, 'link');
    const link = message && /^[0-9a-f-]{36}$/i.test(message) ? await trx('_mail_links').where({ message }).first('entity', 'record_id') : undefined;
    return { address, fresh, ...(link && { record: { entity: link.entity, id: link.record_id } }), ...(action && { action }) };
  });

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em">
{{#confirm}}
<h1>Unsubscribe <span lang="zh-CN">退订</span></h1>
<p>Stop bulk e-mail to <strong>{{address}}</strong>?</p>
<p lang="zh-CN">不再向 <strong>{{address}}</strong> 发送群发邮件？</p>
<form method="post" action="?token={{token}}"><button type="submit">Unsubscribe · 退订</button></form>
{{/confirm}}
{{#done}}
<h1>Unsubscribed <span lang="zh-CN">已退订</span></h1>
<p><strong>{{address}}</strong> will get no more bulk e-mail from us.</p>
<p lang="zh-CN"><strong>{{address}}</strong> 将不再收到我们的群发邮件。</p>
{{/done}}
</body></html>`;

/** The confirm page (GET) or the done page (POST), in English and Chinese; values escaped. */
export const unsubscribePage = (state: 'confirm' | 'done', address: string, token: string): string =>
  Mustache.render(PAGE, { title: state === 'confirm' ? 'Unsubscribe · 退订' : 'Unsubscribed · 已退订', confirm: state === 'confirm', done: state === 'done', address, token: encodeURIComponent(token) });
