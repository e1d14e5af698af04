import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DOCUMENT_SCHEMAS, SCHEMA_FILES, readSchema, type SchemaKind } from './schema-files.js';
import { overlayId, toOverlaySchema } from './overlay-schema.js';

export interface SchemaValidators {
  /** The compiled validator of a kind: full, or the overlay variant. */
  get(kind: SchemaKind, overlay: boolean): ValidateFunction;
}

/** One ajv (2020-12, all errors, formats) holding every schema and its overlay variant. */
export const createSchemaValidators = (): SchemaValidators => {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false, verbose: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const file of SCHEMA_FILES) {
    const schema = readSchema(file);
    ajv.addSchema(schema);
    ajv.addSchema(toOverlaySchema(schema, file));
  }
  return {
    get(kind, overlay) {
      const file = DOCUMENT_SCHEMAS[kind];
      const validate = ajv.getSchema(overlay ? overlayId(file) : file);
      if (!validate) throw new Error(`No schema for ${kind}`);
      return validate;
    },
  };
};

let shared: SchemaValidators | undefined;

/** The validators compiled once per process (schemas are files of the engine, not tenant data). */
export const schemaValidators = (): SchemaValidators => (shared ??= createSchemaValidators());
