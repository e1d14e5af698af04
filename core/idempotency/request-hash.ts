import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

/** The hash an idempotency key is bound to: method, path with its query, and the body. */
export const requestHash = (method: string, url: string, body: unknown): string =>
  createHash('sha256').update(`${method.toUpperCase()}\n${url}\n${canonical(body)}`).digest('hex');
