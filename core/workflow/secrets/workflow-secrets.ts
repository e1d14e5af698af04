import { invalidInput, type FieldProblem } from '../../errors.js';

/** What a secret reads as outside the server. Saving it back unchanged keeps the stored secret. */
export const MASKED_SECRET = '••••••••';

/** Header names whose values are credentials: sent to the target, never shown. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|passw|auth|signature|session|credential/i;

export const isSecretHeader = (name: string): boolean => SECRET_HEADER.test(name);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `https://user:pw@host/…` → `https://user:••••••••@host/…` (other URLs unchanged; templates too). */
const maskUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:)[^/@\s]+@/i, `$1${MASKED_SECRET}@`);

/** A step's options with secret header values and URL passwords masked. */
const maskStep = (step: Json): Json => {
  const out: Json = { ...step };
  if (isObj(step.headers)) out.headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, isSecretHeader(k) && typeof v === 'string' ? MASKED_SECRET : v]));
  if (typeof step.url === 'string') out.url = maskUrl(step.url);
  return out;
};

/**
 * Any workflow JSON (a whole document, its steps, a step, a history diff's value) with
 * the secrets of its steps masked: webhook headers that carry credentials and passwords
 * in URLs. Everything else is returned as it is.
 */
export const maskWorkflowSecrets = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map((v) => maskWorkflowSecrets(v)) as T;
  if (!isObj(value)) return value;
  const masked = 'headers' in value || 'url' in value ? maskStep(value) : { ...value };
  for (const [k, v] of Object.entries(masked)) if (k !== 'headers' && (Array.isArray(v) || isObj(v))) masked[k] = maskWorkflowSecrets(v);
  return masked as T;
};

const stepsOf = (doc: unknown): Json[] => (isObj(doc) && Array.isArray(doc.steps) ? doc.steps.filter(isObj) : []);

/**
 * A workflow document as saved from the studio: where a secret still reads as masked, the
 * stored one of the same step (by id) and header (or URL) is kept; `stored` lists where to
 * look, first match first (the tenant's own document, then the effective one). A masked value with
 * nothing stored behind it is refused (400), so the mask itself is never saved as a secret.
 */
export const keepStoredSecrets = (incoming: unknown, stored: unknown[]): unknown => {
  if (!isObj(incoming) || !Array.isArray(incoming.steps)) return incoming;
  const before = new Map(stored.flatMap(stepsOf).reverse().map((s) => [s.id, s]));
  const problems: FieldProblem[] = [];
  const steps = incoming.steps.map((step, i) => {
    if (!isObj(step)) return step;
    const old = before.get(step.id);
    const out: Json = { ...step };
    if (isObj(step.headers)) {
      const oldHeaders = isObj(old?.headers) ? old.headers : {};
      out.headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => {
        if (v !== MASKED_SECRET) return [k, v];
        const kept = Object.entries(oldHeaders).find(([ok]) => ok.toLowerCase() === k.toLowerCase())?.[1];
        if (typeof kept !== 'string') problems.push({ field: `/steps/${i}/headers/${k}`, message: 'is masked, but no secret is stored for it: type the value' });
        return [k, kept ?? v];
      }));
    }
    if (typeof step.url === 'string' && step.url.includes(MASKED_SECRET)) {
      if (typeof old?.url === 'string' && maskUrl(old.url) === step.url) out.url = old.url;
      else problems.push({ field: `/steps/${i}/url`, message: 'has a masked password, but no password is stored for it: type the address again' });
    }
    return out;
  });
  if (problems.length) throw invalidInput('Masked secrets can be kept, not set', problems);
  return { ...incoming, steps };
};
