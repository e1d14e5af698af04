import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DOCUMENT_SCHEMAS, SCHEMA_DIR, readSchema } from '../metadata/schema-files.js';

/** Where the generated document types go; core/metadata/types.ts re-exports them. */
export const GENERATED_DIR = fileURLToPath(new URL('../metadata/generated/', import.meta.url));

const banner = (schemaFile: string): string =>
  `/* Generated from metadata/schemas/${schemaFile} by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */`;

/** TypeScript source for every document schema, keyed by the generated file's name. */
export const generateTypes = async (): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const [kind, file] of Object.entries(DOCUMENT_SCHEMAS)) {
    const schema = readSchema(file) as JSONSchema;
    out[`${kind}.ts`] = await compile(schema, String(schema.title), {
      cwd: SCHEMA_DIR,
      bannerComment: banner(file),
      additionalProperties: false,
      unknownAny: true,
      declareExternallyReferenced: true,
      style: { singleQuote: true, printWidth: 120 },
    });
  }
  return out;
};

/** Rewrites core/metadata/generated from the schemas, removing files no schema makes any more. */
export const writeGeneratedTypes = async (): Promise<string[]> => {
  const files = await generateTypes();
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const old of readdirSync(GENERATED_DIR)) if (!(old in files)) rmSync(join(GENERATED_DIR, old));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(GENERATED_DIR, name), source);
  return Object.keys(files);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeGeneratedTypes();
  console.log(`Generated ${written.length} files in core/metadata/generated`);
}
