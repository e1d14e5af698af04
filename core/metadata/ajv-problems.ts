import type { ErrorObject } from 'ajv';
import { childPointer, dedupeProblems, type MetadataProblem } from './problem.js';

const isBelow = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);

/** The errors of failed anyOf / oneOf branches say little on their own: keep those that fit the value. */
const collapseAlternatives = (errors: ErrorObject[]): ErrorObject[] => {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push(e);
      continue;
    }
    const branch: ErrorObject[] = [];
    while (out.length && isBelow(out[out.length - 1].instancePath, e.instancePath)) branch.unshift(out.pop()!);
    // A branch failing on the value's own type or constant is one the value never meant.
    const kept = branch.filter((b) => !(b.instancePath === e.instancePath && ['type', 'const', 'enum'].includes(b.keyword)));
    out.push(...(kept.length ? kept : [e]));
  }
  return out;
};

const describe = (e: ErrorObject): { at: string; message: string } | undefined => {
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const data = e.data as Record<string, unknown> | undefined;
  const named = (e as ErrorObject & { propertyName?: string }).propertyName;
  const at = named !== undefined ? childPointer(e.instancePath, named) : e.instancePath;
  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined;
    case 'anyOf':
    case 'oneOf':
      return { at, message: typeof parent.$comment === 'string' ? `must be ${parent.$comment}` : 'does not have an accepted shape' };
    case 'required':
      return { at: childPointer(at, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { at: childPointer(at, String(params.additionalProperty)), message: 'is not an allowed property' };
    case 'unevaluatedProperties': {
      const type = data && typeof data.type === 'string' ? ` for type "${data.type}"` : '';
      return { at: childPointer(at, String(params.unevaluatedProperty)), message: `is not an allowed property${type}` };
    }
    case 'discriminator':
      return params.error === 'mapping'
        ? { at: childPointer(at, String(params.tag)), message: `"${String(params.tagValue)}" is not a known ${String(params.tag)}` }
        : { at: childPointer(at, String(params.tag)), message: data && params.tag && String(params.tag) in data ? 'must be a string' : 'is required' };
    case 'pattern':
      return { at, message: typeof parent.$comment === 'string' ? `is not valid: ${parent.$comment}` : `must match the pattern ${String(params.pattern)}` };
    case 'const':
      return { at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum':
      return { at, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'type':
      return { at, message: `must be ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${String(params.type)}` };
    case 'format':
      return { at, message: `must be a valid ${String(params.format)}` };
    case 'uniqueItems':
      return { at: childPointer(at, Math.max(Number(params.i), Number(params.j))), message: `repeats item ${Math.min(Number(params.i), Number(params.j))}` };
    case 'minItems':
      return { at, message: `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` };
    default:
      return { at, message: e.message ?? 'is not valid' };
  }
};

/** ajv's errors as problems of `file`, each at the JSON pointer of the value it is about. */
export const ajvProblems = (file: string, errors: ErrorObject[] | null | undefined): MetadataProblem[] =>
  dedupeProblems(
    collapseAlternatives(errors ?? []).flatMap((e) => {
      const d = describe(e);
      return d ? [{ file, pointer: d.at, message: d.message }] : [];
    }),
  );
