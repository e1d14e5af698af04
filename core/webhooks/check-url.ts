import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { fieldProblem, type FieldProblem } from '../errors.js';
import { allowList, isPrivateAddress } from '../workflow/index.js';

/**
 * Whether a subscription's URL may be called: http or https, and a host whose addresses
 * are all public, unless the outbound webhook allowlist (CRM_WEBHOOK_ALLOW) names it — the
 * same guard the workflow webhook step applies (and the delivery applies again on every call
 * and redirect). Returns the field's problem, if any.
 */
export const checkWebhookUrl = async (value: unknown, allow: string[], field = 'url'): Promise<FieldProblem | undefined> => {
  if (typeof value !== 'string' || !value.trim()) return fieldProblem('REQUIRED', field);
  if (value.length > 2000) return fieldProblem('TOO_LONG', field, { n: 2000 });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fieldProblem('WEBHOOK_URL_HTTP', field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fieldProblem('WEBHOOK_URL_HTTP', field);
  if (url.username || url.password) return fieldProblem('WEBHOOK_URL_CREDENTIALS', field);
  const allowed = allowList(allow);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowed.host(host)) return undefined;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return fieldProblem('WEBHOOK_HOST_UNKNOWN', field, { host });
  }
  const bad = addresses.find((a) => isPrivateAddress(a) && !allowed.address(a));
  return bad ? fieldProblem('WEBHOOK_URL_PRIVATE', field, { host, address: bad }) : undefined;
};
