import Mustache from 'mustache';
import { invalidInput, problem } from '../errors.js';
import type { EffectiveMeta, EmailTemplateDocument, FieldDefinition } from '../metadata/types.js';
import { MAIL_LOCALES } from './templates.js';

/** Names every record has besides its fields. */
const SYSTEM = new Set(['id', 'created_at', 'updated_at', 'owner_id', 'created_by', 'updated_by', 'version']);
/** Names the bulk sender gives every message itself. */
const GIVEN = new Set(['unsubscribeUrl']);

/** The field a path names from an entity (`email`, `contact.email`, through references), `system` for id and the like, else undefined. */
export const fieldAtPath = (meta: EffectiveMeta, entity: string, path: string): FieldDefinition | 'system' | undefined => {
  const parts = path.split('.');
  let doc = meta.entities[entity];
  for (const [i, name] of parts.entries()) {
    if (!doc) return undefined;
    const own = Object.prototype.hasOwnProperty.call(doc.fields ?? {}, name) ? doc.fields[name] : undefined;
    if (i === parts.length - 1) return own ?? (SYSTEM.has(name) ? 'system' : undefined);
    if (!own || own.type !== 'reference') return undefined;
    doc = meta.entities[(own as { entity: string }).entity];
  }
  return undefined;
};

/** The top-level names a template's parts use (`{{name}}`, `{{{name}}}`, `{{#name}}`); names inside a section are the section's own. */
const namesOf = (text: string): string[] => {
  try {
    return Mustache.parse(text)
      .filter((t) => ['name', '&', '#', '^'].includes(t[0]) && t[1] !== '.')
      .map((t) => String(t[1]));
  } catch (e) {
    throw invalidInput(`The template cannot be read: ${(e as Error).message}`.slice(0, 300), [{ field: 'template', message: 'is not a valid template' }]);
  }
};

/**
 * The merge fields a template uses, each checked against the audience's entity before
 * anything is sent: a name it does not have (nor reaches through a reference) is refused
 * with MAIL_MERGE_FIELD naming it.
 */
export const mergeFieldsOf = (doc: EmailTemplateDocument, entity: string, meta: EffectiveMeta): string[] => {
  const names = new Set<string>();
  for (const locale of MAIL_LOCALES) for (const text of [doc.subject?.[locale], doc.text?.[locale], doc.html?.[locale]]) if (text) namesOf(text).forEach((n) => names.add(n));
  for (const name of names) {
    if (GIVEN.has(name)) continue;
    if (!fieldAtPath(meta, entity, name)) throw problem('MAIL_MERGE_FIELD', { field: name, entity }, { field: name, errors: [{ field: 'template', message: `uses "${name}", which ${entity} does not have` }] });
  }
  return [...names].filter((n) => !GIVEN.has(n));
};

/** A record read flat (`contact.name`) as nested data for the template; a reference that is also a path keeps its id as `id`. */
export const nestPaths = (flat: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(flat).sort((a, b) => a.split('.').length - b.split('.').length)) {
    const parts = key.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      const v = at[p];
      if (typeof v !== 'object' || v === null) at[p] = v === undefined || v === null ? {} : { id: v };
      at = at[p] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = flat[key];
  }
  return out;
};
