import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { compileCondition, compilePredicate, ruleAccepts, type ColumnType, type ResolvedVar, type ValueType } from './index.js';

/** The property that keeps the two forms of a rule equal: SQL selects exactly the rows memory accepts. */
const COLUMNS: Record<string, ValueType> = { t: 'text', n: 'number', i: 'number', b: 'boolean', d: 'date', tags: 'text_array' };
/** The columns' own types: constants are cast to them (a fraction against the bigint `i` is rounded the way the comparison means). */
const COLUMN_TYPES: Record<string, ColumnType> = { t: 'text', n: 'numeric', i: 'bigint', b: 'boolean', d: 'date' };
const scope = {
  now: new Date('2024-05-01T10:00:00Z'),
  resolveVar: (path: string): ResolvedVar | undefined =>
    COLUMNS[path] ? { sql: '??', bindings: [`r.${path}`], type: COLUMNS[path], ...(COLUMN_TYPES[path] ? { columnType: COLUMN_TYPES[path] } : {}) } : undefined,
};

const text = fc.option(fc.stringMatching(/^[aAbB%_'"é ]{0,4}$/), { nil: null });
const num = fc.option(fc.integer({ min: -6, max: 6 }).map((x) => x / 2), { nil: null });
const int = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
const date = fc.option(fc.constantFrom('2024-04-01', '2024-05-01', '2024-05-02', '2023-12-31'), { nil: null });
const record = fc.record({ t: text, n: num, i: int, b: fc.option(fc.boolean(), { nil: null }), d: date, tags: fc.subarray(['a', 'b', 'vip']) });

const cmpOp = fc.constantFrom('==', '!=', '<', '<=', '>', '>=');
const numExpr = fc.oneof(
  fc.constantFrom({ var: 'n' }, { var: 'i' }),
  fc.constant({ '+': [{ var: 'n' }, { var: 'i' }] }),
  fc.constant({ '*': [{ var: 'i' }, 2] }),
  fc.constant({ '-': [{ var: 'n' }, 1] }),
);
const atom = fc.oneof(
  fc.tuple(cmpOp, numExpr, fc.integer({ min: -6, max: 6 }).map((x) => x / 2)).map(([op, a, b]) => ({ [op]: [a, b] })),
  fc.tuple(cmpOp, fc.stringMatching(/^[aAbB%_'é]{0,2}$/)).map(([op, s]) => ({ [op]: [{ var: 't' }, s] })),
  fc.tuple(cmpOp, fc.constantFrom('2024-05-01', '2024-04-15')).map(([op, s]) => ({ [op]: [{ var: 'd' }, s] })),
  fc.tuple(cmpOp).map(([op]) => ({ [op]: [{ var: 'd' }, { var: '$today' }] })),
  fc.constantFrom('n', 't', 'd', 'b', 'i').map((f) => ({ '==': [{ var: f }, null] })),
  fc.constantFrom('n', 't', 'd').map((f) => ({ '!=': [{ var: f }, null] })),
  fc.tuple(fc.constantFrom('contains', 'starts_with', 'ends_with'), fc.stringMatching(/^[aAb%_']{0,2}$/)).map(([op, s]) => ({ [op]: [{ var: 't' }, s] })),
  fc.tuple(fc.integer({ min: -3, max: 0 }), fc.integer({ min: 0, max: 3 })).map(([a, c]) => ({ '<=': [a, { var: 'i' }, c] })),
  fc.constantFrom('a', 'vip').map((v) => ({ in: [v, { var: 'tags' }] })),
  fc.constant({ in: [{ var: 't' }, ['a', 'A', 'ab']] }),
  // Constants against the whole-number column: fractions either side, numeric text, lists.
  fc.tuple(cmpOp, fc.integer({ min: -6, max: 6 }).map((x) => x / 2)).map(([op, b]) => ({ [op]: [b, { var: 'i' }] })),
  fc.tuple(cmpOp, fc.constantFrom('2', '-1', '1.5', ' 3 ')).map(([op, s]) => ({ [op]: [{ var: 'i' }, s] })),
  fc.subarray([-2, -0.5, 0, 1, 1.5, 3]).map((xs) => ({ in: [{ var: 'i' }, xs] })),
  fc.tuple(fc.integer({ min: -6, max: 0 }).map((x) => x / 2), fc.integer({ min: 0, max: 6 }).map((x) => x / 2)).map(([a, c]) => ({ '<': [a, { var: 'i' }, c] })),
  fc.constantFrom({ var: 'b' }, { var: 'n' }, { var: 't' }, { '!!': [{ var: 'tags' }] }),
);
const { rule } = fc.letrec((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((r) => ({ and: r })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((r) => ({ or: r })),
    tie('rule').map((r) => ({ '!': [r] })),
  ),
}));

let db: Db;
let tenant: Tenant;
let rows: Array<Record<string, unknown> & { id: number }>;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTenant(db.knex, { slug: 'rules_prop' });
  rows = fc.sample(record, { numRuns: 150, seed: 42 }).map((r, id) => ({ id, ...r }));
  await withTenant(db.knex, tenant, async (trx) => {
    await trx.raw('create table r (id int primary key, t text, n numeric, i bigint, b boolean, d date, tags text[])');
    await trx('r').insert(rows);
  });
});
afterAll(async () => db?.close());

/** Both SQL forms of a rule: the strict one (never NULL) and the sargable filter form. */
for (const [form, compile] of [['strict', compilePredicate], ['filter', compileCondition]] as const) {
  it(`the ${form} SQL form returns exactly the records json-logic accepts`, async () => {
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        const { sql, bindings } = compile(r, scope);
        const found = await withTenant(db.knex, tenant, (trx) => trx('r').whereRaw(sql, bindings as never[]).orderBy('id').pluck('id'));
        const expected = rows.filter((row) => ruleAccepts(r, { ...row, $today: '2024-05-01' })).map((row) => row.id);
        expect(found).toEqual(expected);
      }),
      { numRuns: 150, seed: Number(process.env.RULES_SEED ?? Date.now() % 100000) },
    );
  });
}
