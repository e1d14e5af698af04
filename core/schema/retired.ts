import type { Knex } from 'knex';
import type { EffectiveMeta } from '../metadata/types.js';
import { desiredSchema } from './desired-schema.js';
import { introspectSchema } from './introspect-schema.js';
import { matchSchema } from './match-schema.js';
import type { ActualTable } from './types.js';

/** A column no live field claims: hidden, its data kept until purged. */
export interface RetiredColumn {
  /** The entity whose table holds it. */
  entity: string;
  table: string;
  column: string;
  type: string;
  /** Stable id of the field it belonged to, if it had one. */
  id?: string;
}

/** A table no live entity claims. */
export interface RetiredTable {
  table: string;
  id?: string;
  columns: string[];
}

/** Retired columns of live entities' tables. */
export function retiredColumns(actual: ActualTable[], meta: EffectiveMeta): RetiredColumn[] {
  return matchSchema(desiredSchema(meta), actual).tables.flatMap((t) =>
    t.retired.map((c) => ({ entity: t.desired.name, table: t.actual!.name, column: c.name, type: c.type, id: c.id })),
  );
}

/** Tables whose entity left the metadata. */
export function retiredTables(actual: ActualTable[], meta: EffectiveMeta): RetiredTable[] {
  return matchSchema(desiredSchema(meta), actual).retiredTables.map((t) => ({ table: t.name, id: t.id, columns: t.columns.map((c) => c.name) }));
}

/** Both lists, read from the tenant schema (for the studio). */
export async function listRetired(trx: Knex.Transaction, meta: EffectiveMeta): Promise<{ tables: RetiredTable[]; columns: RetiredColumn[] }> {
  const actual = await introspectSchema(trx);
  return { tables: retiredTables(actual, meta), columns: retiredColumns(actual, meta) };
}
