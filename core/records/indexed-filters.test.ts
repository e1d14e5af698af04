import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { explainQuery, planNodes, type CapturedQuery, type PlanNode } from '../db/explain-query.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { FieldDefinition, MetadataDocument } from '../metadata/types.js';
import { desiredSchema, syncSchema } from '../schema/index.js';
import { entity, metaOf } from '../schema/test-meta.js';
import { createTenant } from '../tenants/tenant-store.js';
import { listRecords } from './list-records.js';
import type { Actor, ListQuery } from './types.js';

/**
 * Every filter on an indexed field is answered by that field's index: constants are cast
 * to the column's own type, never the column to the constant's. On tables this small the
 * planner prefers a sequential scan, so each EXPLAIN runs with `enable_seqscan = off`:
 * what it shows is whether the index CAN serve the condition. Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL.
 */
const ROWS = 200;
const at = (i: number) => i;
const pad = (i: number) => String(i).padStart(4, '0');
const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const instant = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
const targetIds = Array.from({ length: ROWS }, () => randomUUID()).sort();
const userIds = Array.from({ length: ROWS }, () => randomUUID()).sort();

/** Each field type, indexed, with its value in row i (increasing in i) and the operators a btree answers. */
interface Probe {
  field: FieldDefinition;
  value: (i: number) => unknown;
  /** Text compares in code-point order (collate "C", as json-logic does), which a default-collation index cannot answer: equality and lists only. */
  ordered: boolean;
}
const indexed = <F extends FieldDefinition>(f: F): F => ({ ...f, indexed: true });
const PROBES: Record<string, Probe> = {
  f_text: { field: indexed({ type: 'text' }), value: (i) => `v${pad(i)}`, ordered: false },
  f_long_text: { field: indexed({ type: 'long_text' }), value: (i) => `long ${pad(i)}`, ordered: false },
  f_email: { field: indexed({ type: 'email' }), value: (i) => `p${pad(i)}@example.com`, ordered: false },
  f_phone: { field: indexed({ type: 'phone' }), value: (i) => `+86${pad(i)}`, ordered: false },
  f_url: { field: indexed({ type: 'url' }), value: (i) => `https://example.com/${pad(i)}`, ordered: false },
  f_enum: { field: indexed({ type: 'enum', options: Array.from({ length: ROWS }, (_, i) => ({ value: `o${pad(i)}` })) }), value: (i) => `o${pad(i)}`, ordered: false },
  f_auto: { field: { type: 'auto_number', prefix: 'N-' } as FieldDefinition, value: (i) => `N-${pad(i)}`, ordered: false },
  f_integer: { field: indexed({ type: 'integer' }), value: at, ordered: true },
  f_decimal: { field: indexed({ type: 'decimal' }), value: (i) => i + 0.5, ordered: true },
  f_currency: { field: indexed({ type: 'currency' }), value: (i) => i + 0.25, ordered: true },
  f_percent: { field: indexed({ type: 'percent' }), value: (i) => i / 1000, ordered: true },
  f_boolean: { field: indexed({ type: 'boolean' }), value: (i) => i === 3, ordered: false },
  f_date: { field: indexed({ type: 'date' }), value: day, ordered: true },
  f_datetime: { field: indexed({ type: 'datetime' }), value: instant, ordered: true },
  f_reference: { field: { type: 'reference', entity: 'probe_target' }, value: (i) => targetIds[i], ordered: true },
  f_user: { field: { type: 'user' }, value: (i) => userIds[i], ordered: true },
};

/** Filters selecting a few rows (3 and 5 are near the start, ROWS-4 near the end). */
const filtersOf = (name: string, p: Probe): Record<string, unknown> => {
  const v = { var: name };
  const [lo, mid, hi] = [p.value(3), p.value(5), p.value(ROWS - 4)];
  const equal = { '==': { '==': [v, lo] }, in: { in: [v, p.field.type === 'boolean' ? [lo] : [lo, mid]] } };
  if (!p.ordered) return equal;
  return { ...equal, '<': { '<': [v, lo] }, '<=': { '<=': [v, lo] }, '>': { '>': [v, hi] }, '>=': { '>=': [v, hi] }, between: { '<=': [lo, v, mid] } };
};

const target = entity('probe_target', { seg: indexed({ type: 'integer' }) });
const probe = entity('probe', Object.fromEntries(Object.entries(PROBES).map(([n, p]) => [n, p.field])));
const meta = metaOf(probe, target);
const SEGMENT_ROLE = 'segment_reader';
meta.documents.role[SEGMENT_ROLE] = {
  kind: 'role',
  name: SEGMENT_ROLE,
  entities: { probe: { read: { '<=': [{ var: 'f_integer' }, { var: '$user.segment' }] } } },
} as unknown as MetadataDocument;

const indexOf = (table: string, column: string): string => {
  const found = desiredSchema(meta).find((t) => t.name === table)?.indexes.find((i) => i.columns[0] === column);
  if (!found) throw new Error(`no index on ${table}.${column}`);
  return found.name;
};

const admin: Actor = { id: randomUUID(), name: 'Admin', roles: [], isAdmin: true };

describe('a filter on an indexed field is answered by its index', () => {
  let db: Db;
  let tenant: Tenant;

  beforeAll(async () => {
    db = await openTestDatabase();
    tenant = await createTenant(db.knex, { slug: `indexed_filters_${process.pid}` });
    await withTenant(db.knex, tenant, async (trx) => {
      await syncSchema(trx, meta);
      await trx('probe_target').insert(targetIds.map((id, i) => ({ id, seg: i })));
      await trx('probe').insert(
        Array.from({ length: ROWS }, (_, i) => ({ id: randomUUID(), ...Object.fromEntries(Object.entries(PROBES).map(([n, p]) => [n, p.value(i)])) })),
      );
      await trx.raw('analyze probe');
      await trx.raw('analyze probe_target');
    });
  });
  afterAll(async () => db?.close());

  /** The list's statement as the record service sends it, and its plan with sequential scans off. */
  const planOf = (query: ListQuery, actor: Actor = admin) =>
    withTenant(db.knex, tenant, async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      const captured: CapturedQuery[] = [];
      const onQuery = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
      trx.on('query', onQuery);
      let count: number;
      try {
        count = (await listRecords('probe', { ...query, limit: 20 }, { db: trx, meta, actor })).data.length;
      } finally {
        trx.off('query', onQuery);
      }
      // A plain select, or an own-scoped page as the union of its halves (see share-list-sql.ts).
      const sent = captured.filter((q) => /^\s*(\(\s*)?(select|with)\b/i.test(q.sql)).at(-1);
      if (!sent) throw new Error('listRecords sent no select');
      const nodes = planNodes((await explainQuery(trx, sent)).plan);
      return { count, nodes, text: JSON.stringify(nodes.map(({ Plans: _, ...n }) => n)) };
    });

  const expectIndex = (nodes: PlanNode[], text: string, table: string, column: string) => {
    const index = indexOf(table, column);
    expect(nodes.map((n) => n['Index Name']), text).toContain(index);
    // The column is compared as it is stored: never `(f_integer)::numeric = …`.
    expect(text).not.toMatch(new RegExp(`\\(([a-z_]+\\.)?${column}\\)::`));
  };

  for (const [name, p] of Object.entries(PROBES)) {
    for (const [op, filter] of Object.entries(filtersOf(name, p))) {
      it(`${p.field.type} ${op}`, async () => {
        const { nodes, text, count } = await planOf({ filter });
        expectIndex(nodes, text, 'probe', name);
        expect(count).toBeGreaterThan(0);
      });
    }
  }

  it('integer against numeric text and fractions: still the index, and the rows json-logic selects', async () => {
    const cases: [unknown, number][] = [
      [{ '==': [{ var: 'f_integer' }, '3'] }, 1],
      [{ '>': [{ var: 'f_integer' }, ROWS - 3.5] }, 3],
      [{ '<': [{ var: 'f_integer' }, 2.5] }, 3],
      [{ '<=': [1.5, { var: 'f_integer' }, 4.5] }, 3],
      [{ in: [{ var: 'f_integer' }, [2, 2.5, '4']] }, 2],
    ];
    for (const [filter, rows] of cases) {
      const { nodes, text, count } = await planOf({ filter });
      expectIndex(nodes, text, 'probe', 'f_integer');
      expect(count, JSON.stringify(filter)).toBe(rows);
    }
    expect((await planOf({ filter: { '==': [{ var: 'f_integer' }, 2.5] } })).count).toBe(0);
  });

  it('through a reference, the referenced entity\'s index', async () => {
    const { nodes, text, count } = await planOf({ filter: { '==': [{ var: 'f_reference.seg' }, 3] } });
    expectIndex(nodes, text, 'probe_target', 'seg');
    expect(count).toBe(1);
  });

  it('in a row-scope rule with a $user attribute', async () => {
    const reader: Actor = { id: randomUUID(), name: 'Reader', roles: [SEGMENT_ROLE], isAdmin: false, attributes: { segment: 2 } };
    const { nodes, text, count } = await planOf({}, reader);
    expectIndex(nodes, text, 'probe', 'f_integer');
    expect(count).toBe(3);
  });
});
