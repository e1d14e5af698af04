import Mustache from 'mustache';
import { asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import type { MetadataDocument } from './types.js';

const PARTS = ['subject', 'text', 'html'] as const;

/** An e-mail template's entity exists and each of its texts is a mustache template that parses. */
export const checkEmailTemplate = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (entity !== undefined) checkEntityExists(ctx, doc, '/entity', entity);
  for (const part of PARTS) {
    const texts = doc[part];
    if (!texts || typeof texts !== 'object') continue;
    for (const [lang, text] of Object.entries(texts as Record<string, unknown>)) {
      if (typeof text !== 'string') continue;
      try {
        Mustache.parse(text);
      } catch (e) {
        ctx.report(doc, `/${part}/${lang}`, `is not a valid template (${(e as Error).message})`);
      }
    }
  }
};
