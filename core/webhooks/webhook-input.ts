import { fieldProblem, invalidInput, type FieldProblem } from '../errors.js';
import type { EffectiveMeta } from '../metadata/types.js';
import { checkWebhookUrl } from './check-url.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './types.js';

/** The columns a create or change writes, checked. */
export interface WebhookValues {
  url?: string;
  description?: string | null;
  entities?: string[];
  events?: WebhookEvent[];
  active?: boolean;
  rotateSecret?: boolean;
}

const KEYS = new Set(['url', 'description', 'entities', 'events', 'active', 'rotateSecret']);

const names = (value: unknown, field: string, problems: FieldProblem[]): string[] | undefined => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    problems.push(fieldProblem('TYPE', field, { type: 'a list of names' }));
    return undefined;
  }
  if (!value.length) problems.push(fieldProblem('PICK_AT_LEAST_ONE', field));
  return [...new Set(value as string[])];
};

/**
 * Checks a subscription's input, collecting every problem (400 with one entry per failing
 * field): a URL the address guard lets through, known entities, known events, a short
 * description. `partial`: a change, where every key is optional.
 */
export const checkWebhookInput = async (input: unknown, meta: EffectiveMeta, opts: { allow: string[]; partial: boolean }): Promise<WebhookValues> => {
  const body = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (!body) throw invalidInput('A webhook subscription is a JSON object', [fieldProblem('OBJECT', '/')]);
  const problems: FieldProblem[] = [];
  const out: WebhookValues = {};
  for (const key of Object.keys(body)) if (!KEYS.has(key)) problems.push(fieldProblem('UNKNOWN_FIELD', key));
  const wants = (key: string) => body[key] !== undefined || !opts.partial;
  if (wants('url')) {
    const bad = await checkWebhookUrl(body.url, opts.allow);
    if (bad) problems.push(bad);
    else out.url = (body.url as string).trim();
  }
  if (wants('entities')) {
    const list = names(body.entities, 'entities', problems);
    for (const e of list ?? []) if (!meta.entities[e]) problems.push(fieldProblem('UNKNOWN_ENTITY', 'entities', { name: e }));
    out.entities = list;
  }
  if (wants('events')) {
    const list = names(body.events, 'events', problems);
    const unknown = (list ?? []).filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length) problems.push(fieldProblem('ENUM', 'events', { values: unknown.join(', '), allowed: WEBHOOK_EVENTS.join(', ') }));
    out.events = list as WebhookEvent[] | undefined;
  }
  if (body.description !== undefined && body.description !== null) {
    if (typeof body.description !== 'string') problems.push(fieldProblem('TYPE', 'description', { type: 'text' }));
    else if (body.description.length > 500) problems.push(fieldProblem('TOO_LONG', 'description', { n: 500 }));
    else out.description = body.description.trim() || null;
  } else if (body.description === null) out.description = null;
  for (const key of ['active', 'rotateSecret'] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') problems.push(fieldProblem('BOOLEAN', key));
    else out[key] = body[key] as boolean;
  }
  if (problems.length) throw invalidInput('The webhook subscription is not valid', problems);
  return out;
};
