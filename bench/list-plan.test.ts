import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../core/db/connect.js';
import { openTestDatabase } from '../core/db/test-database.js';
import { withTenant, type Tenant } from '../core/db/tenant.js';
import { createTenant } from '../core/tenants/tenant-store.js';
import { listRecords } from '../core/records/index.js';
import type { Actor, ListQuery, RecordData } from '../core/records/types.js';
import { syncSchema } from '../core/schema/index.js';
import { metaOf } from '../core/schema/test-meta.js';
import { bulkLoadDeals } from './bulk-load.js';
import { ENTITY, LIST_FILTER, LIST_LIMIT, LIST_MIN_AMOUNT, LIST_SORT, REP_ROLE, VIEW, VIEW_FILTER, VIEW_SORT, dealEntity, dealView, repRole } from './entity.js';
import { explainList, explainQuery, planNodes, type PlanNode } from './explain-list.js';
import { listSql } from './raw-sql.js';

const ROWS = 20_000;
/** Users who own the rows in turn (the own-scoped one among them). */
const OWNERS = 100;

/** "Index Scan using deal__amount_idx on deal": each plan node, readable in a failure. */
const steps = (root: PlanNode): string[] =>
  planNodes(root).map((n) => [n['Node Type'], n['Index Name'] && `using ${n['Index Name']}`, n['Relation Name'] && `on ${n['Relation Name']}`].filter(Boolean).join(' '));
const AMOUNT_INDEX_SCAN = /^(Bitmap Index Scan|Index Scan|Index Only Scan) using \S*amount\S*/;

describe('a filtered, sorted list over a large tenant', () => {
  const meta = metaOf(dealEntity);
  meta.documents.role[REP_ROLE] = repRole;
  meta.documents.view[VIEW] = dealView;
  const actor: Actor = { id: randomUUID(), name: 'Bench', roles: [], isAdmin: true };
  const rep: Actor = { id: randomUUID(), name: 'Rep', roles: [REP_ROLE], team: null, isAdmin: false };
  const owners = [rep.id, ...Array.from({ length: OWNERS - 1 }, () => randomUUID())];
  let db: Db;
  let tenant: Tenant;

  beforeAll(async () => {
    db = await openTestDatabase();
    tenant = await createTenant(db.knex, { slug: `plan_${process.pid}` });
    await withTenant(db.knex, tenant, (trx) => syncSchema(trx, meta));
    await withTenant(db.knex, tenant, (trx) => bulkLoadDeals(trx, { rows: ROWS, ownerId: actor.id, owners }));
  });
  afterAll(async () => db?.close());

  const listPlan = async (query: ListQuery, as: Actor = actor): Promise<string[]> => steps((await explainList(db.knex, { tenant, meta, actor: as, entity: ENTITY, query })).plan);

  it('is answered by the record service through the amount index, never by reading the whole table', async () => {
    const plan = await listPlan({ filter: LIST_FILTER, sort: LIST_SORT, limit: LIST_LIMIT });
    expect(plan).toContainEqual(expect.stringMatching(AMOUNT_INDEX_SCAN));
    expect(plan).not.toContainEqual(expect.stringMatching(/^Seq Scan/));
  });

  it('reads the default view (its filter and sort) from the composite index made from it, in order: no sort step', async () => {
    const plan = await listPlan({ filter: VIEW_FILTER, sort: VIEW_SORT, limit: LIST_LIMIT });
    expect(plan).toContainEqual(expect.stringMatching(/^Index Scan( Backward)? using deal__stage__amount_desc__id__idx/));
    expect(plan).not.toContainEqual(expect.stringMatching(/^(Seq Scan|Sort)\b/));
  });

  it('(control) is answered through the amount index when written by hand', async () => {
    const query = { sql: listSql(tenant.schema), bindings: [LIST_MIN_AMOUNT, LIST_LIMIT + 1] };
    const plan = steps((await withTenant(db.knex, tenant, (trx) => explainQuery(trx, query))).plan);
    expect(plan).toContainEqual(expect.stringMatching(AMOUNT_INDEX_SCAN));
    expect(plan).not.toContainEqual(expect.stringMatching(/^Seq Scan/));
  });

  it('takes an ascending order from the index, so LIMIT stops the scan early (no full sort)', async () => {
    const plan = await listPlan({ filter: { '>=': [{ var: 'amount' }, 1000] }, sort: 'amount', limit: LIST_LIMIT });
    expect(plan).toContainEqual(expect.stringMatching(/^Index Scan using \S*amount\S*/));
    expect(plan).not.toContainEqual(expect.stringMatching(/^(Seq Scan|Sort)\b/));
  });

  it('as an own-scoped user, reads the user\'s rows through an index (owner or amount), never the whole table', async () => {
    const { query, plan } = await explainList(db.knex, { tenant, meta, actor: rep, entity: ENTITY, query: { filter: LIST_FILTER, sort: LIST_SORT, limit: LIST_LIMIT } });
    expect(query.sql).toMatch(/owner_id/);
    expect(query.bindings).toContain(rep.id);
    expect(steps(plan)).toContainEqual(expect.stringMatching(/^(Bitmap Index Scan|Index Scan|Index Only Scan) using \S*(owner_id|amount)\S*/));
    expect(steps(plan)).not.toContainEqual(expect.stringMatching(/^Seq Scan/));
  });

  it('as an own-scoped user, answers only the user\'s rows, in the admin\'s order', async () => {
    // About 5 % of the rows (amounts are random): the rep owns about ten of them, never none in practice.
    const filter = { '>=': [{ var: 'amount' }, 95_000] };
    const everything = async (as: Actor) => {
      const rows: RecordData[] = [];
      let cursor: string | undefined;
      do {
        const page = await withTenant(db.knex, tenant, (trx) => listRecords(ENTITY, { filter, sort: LIST_SORT, limit: 500, cursor }, { db: trx, meta, actor: as }));
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    };
    const [all, mine] = [await everything(actor), await everything(rep)];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.owner_id === rep.id)).toBe(true);
    expect(mine.map((r) => r.id)).toEqual(all.filter((r) => r.owner_id === rep.id).map((r) => r.id));
  });
});
