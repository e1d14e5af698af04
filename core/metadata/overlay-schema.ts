import type { JsonSchema } from './schema-files.js';

/** Where the overlay variant of a schema is registered: overlay/<file>. */
export const overlayId = (file: string): string => `overlay/${file}`;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The overlay variant of a document schema. An overlay (a higher layer extending a
 * document of a lower one) carries only kind, name and what it adds or changes, so:
 * - nothing is required but the document's kind and name, and no minimum counts apply;
 * - a discriminated entry (a field) that names its `type` is checked against that type's
 *   shape, one that does not (a patch of a field below, e.g. a new label) against any.
 * Type, format and unknown-property checks stay. The merged document is validated with
 * the full schema afterwards, which is where completeness is enforced.
 */
export const toOverlaySchema = (schema: JsonSchema, file: string): JsonSchema => {
  const root = relax(schema) as JsonSchema;
  root.$id = overlayId(file);
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const kept = required.filter((k) => k === 'kind' || k === 'name');
  if (kept.length) root.required = kept;
  return root;
};

const relax = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(relax);
  if (!isObject(node)) return node;
  if (isObject(node.discriminator) && Array.isArray(node.oneOf)) return relaxDiscriminated(node);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' || key === 'minItems' || key === 'minProperties') continue;
    out[key] = key === 'const' || key === 'enum' ? value : relax(value);
  }
  return out;
};

const relaxDiscriminated = (node: JsonSchema): JsonSchema => {
  const tag = (node.discriminator as { propertyName: string }).propertyName;
  const branches = (node.oneOf as unknown[]).map(relax);
  const { discriminator, oneOf, required, ...rest } = node;
  void oneOf;
  void required;
  return {
    ...(relax(rest) as JsonSchema),
    if: { required: [tag] },
    then: { required: [tag], discriminator, oneOf: branches },
    else: { anyOf: branches },
  };
};
