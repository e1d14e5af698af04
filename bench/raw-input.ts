import type { IncomingMessage } from 'node:http';
import { LIST_SORT, STAGES } from './entity.js';
import { WRITABLE, type Writable } from './raw-sql.js';

/** An answer with a status, for the raw server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const MAX_BODY = 1024 * 1024;

export const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'Body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not valid JSON');
  }
};

/** The deal fields of a create (title required) or a patch, checked as the entity document says. */
export const checkPatch = (body: unknown, create: boolean): Partial<Record<Writable, string | number | null>> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object');
  const b = body as Record<string, unknown>;
  const errors: string[] = Object.keys(b).filter((k) => !(WRITABLE as readonly string[]).includes(k));
  const badTitle = typeof b.title !== 'string' || !b.title || b.title.length > 200;
  if (('title' in b || create) && badTitle) errors.push('title');
  if (b.amount !== undefined && b.amount !== null && (typeof b.amount !== 'number' || !(b.amount >= 0))) errors.push('amount');
  if (b.stage !== undefined && b.stage !== null && !(STAGES as readonly string[]).includes(b.stage as string)) errors.push('stage');
  if (errors.length) throw new HttpError(400, 'Invalid input', { errors: errors.map((field) => ({ field })) });
  return Object.fromEntries(WRITABLE.filter((k) => b[k] !== undefined).map((k) => [k, b[k] as string | number | null]));
};

/** The list query the raw server serves: filter {">=":[{"var":"amount"},n]}, sort -amount, limit 1..500. */
export const listParams = (q: URLSearchParams): { minAmount: number; limit: number } => {
  let rule: unknown;
  try {
    rule = JSON.parse(q.get('filter') ?? '');
  } catch {
    throw new HttpError(400, 'filter is not valid JSON');
  }
  const ge = (rule as Record<string, unknown> | null)?.['>='];
  const ok = Array.isArray(ge) && ge.length === 2 && (ge[0] as { var?: unknown })?.var === 'amount' && typeof ge[1] === 'number';
  if (!ok || q.get('sort') !== LIST_SORT) throw new HttpError(400, `Only filter {">=":[{"var":"amount"},n]} with sort=${LIST_SORT} is served here`);
  const limit = Number(q.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'limit must be 1..500');
  return { minAmount: ge[1] as number, limit };
};
