import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../core/db/connect.js';
import { openTestDatabase } from '../core/db/test-database.js';
import { withTenant, type Tenant } from '../core/db/tenant.js';
import type { EntityDocument } from '../core/metadata/types.js';
import { createRecord, listRecords } from '../core/records/index.js';
import type { Actor, RecordData } from '../core/records/types.js';
import { syncSchema } from '../core/schema/index.js';
import { metaOf } from '../core/schema/test-meta.js';
import { createTenant } from '../core/tenants/tenant-store.js';
import { bulkLoadDeals } from './bulk-load.js';
import { ENTITY, LIST_SORT, REP_ROLE, SHARED_TEAM, TEAMS, planDealEntity, repRole, teamName } from './entity.js';
import { explainList, planNodes } from './explain-list.js';
import { bulkLoadShares } from './share-load.js';

const ROWS = 10_000;
const OWNERS = 50;
const SHARES = 5_000;
const team = JSON.parse(readFileSync(new URL('../metadata/system/entities/team.json', import.meta.url), 'utf8')) as EntityDocument;

/** The bench's shared-list scenario on a small scale: an own-scoped user with shares to it, its team and a sharing rule. */
describe('the own-scoped list with sharing rows present', () => {
  const meta = metaOf(planDealEntity, team);
  meta.documents.role[REP_ROLE] = repRole;
  const admin: Actor = { id: randomUUID(), name: 'Bench', roles: [], isAdmin: true };
  const rep: Actor = { id: randomUUID(), name: 'Shared rep', roles: [REP_ROLE], team: SHARED_TEAM, isAdmin: false };
  const owners = [rep.id, ...Array.from({ length: OWNERS - 1 }, () => randomUUID())];
  let db: Db;
  let tenant: Tenant;
  let teams: string[];

  beforeAll(async () => {
    db = await openTestDatabase();
    tenant = await createTenant(db.knex, { slug: `shared_${process.pid}` });
    await withTenant(db.knex, tenant, (trx) => syncSchema(trx, meta));
    teams = await withTenant(db.knex, tenant, async (trx) => {
      const made: string[] = [];
      for (let n = 1; n <= TEAMS; n++) made.push(String((await createRecord('team', { name: teamName(n) }, { db: trx, meta, actor: admin })).id));
      await bulkLoadDeals(trx, { rows: ROWS, ownerId: admin.id, owners });
      await bulkLoadShares(trx, { shares: SHARES, users: owners, teams: made, createdBy: admin.id });
      return made;
    });
  }, 600_000);
  afterAll(async () => db?.close());

  it('answers the own rows, the rows shared with the user or its team and those of the sharing rule, in the admin\'s order, with few shares for the page and with many, without reading the whole deal table', async () => {
    const filter = { '>=': [{ var: 'amount' }, 90_000] };
    const top = { '>=': [{ var: 'amount' }, 97_000] };
    const everything = async (as: Actor, where: unknown = filter, limit = 500) => {
      const rows: RecordData[] = [];
      let cursor: string | undefined;
      do {
        const page = await withTenant(db.knex, tenant, (trx) => listRecords(ENTITY, { filter: where, sort: LIST_SORT, limit, cursor }, { db: trx, meta, actor: as }));
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    };
    const shared = new Set(
      await withTenant(db.knex, tenant, (trx) => trx('_shares').where({ entity: ENTITY }).where((q) => q.where({ user_id: rep.id }).orWhere({ team_id: teams[0] })).pluck('record_id')),
    );
    const byRule = (r: RecordData) => r.stage === 'won' && r.amount !== null && Number(r.amount) < 1000;
    const [all, mine] = [await everything(admin), await everything(rep)];
    // A page of one row: the user's shares are many for it, read as hashes while the rows come in the page's order, page after page.
    const [allTop, mineByOne] = [await everything(admin, top), await everything(rep, top, 1)];
    expect(mineByOne.map((r) => r.id)).toEqual(allTop.filter((r) => r.owner_id === rep.id || shared.has(String(r.id)) || byRule(r)).map((r) => r.id));
    expect(mineByOne.filter((r) => r.owner_id !== rep.id).length).toBeGreaterThan(0);
    const { text } = await explainList(db.knex, { tenant, meta, actor: rep, entity: ENTITY, query: { filter: top, sort: LIST_SORT, limit: 1 }, analyze: true });
    const hashed = (text ?? []).findIndex((l) => /Filter: .*hashed SubPlan/.test(l));
    expect(hashed).toBeGreaterThan(0);
    const scan = (text ?? []).slice(0, hashed).reverse().find((l) => /->/.test(l))!;
    expect(scan).toMatch(new RegExp(`Index Scan.* on ${ENTITY} `));
    expect(scan).not.toMatch(/never executed/);
    const expected = all.filter((r) => r.owner_id === rep.id || shared.has(String(r.id)) || byRule(r));
    expect(expected.filter((r) => r.owner_id !== rep.id).length).toBeGreaterThan(0);
    expect(mine.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // The sharing rule's rows (small won deals) are there too, owned by others.
    const small = { '<': [{ var: 'amount' }, 1000] };
    const [allSmall, mineSmall] = [await everything(admin, small), await everything(rep, small)];
    const expectedSmall = allSmall.filter((r) => r.owner_id === rep.id || shared.has(String(r.id)) || byRule(r));
    expect(expectedSmall.some((r) => byRule(r) && r.owner_id !== rep.id && !shared.has(String(r.id)))).toBe(true);
    expect(mineSmall.map((r) => r.id)).toEqual(expectedSmall.map((r) => r.id));

    const { query, plan } = await explainList(db.knex, { tenant, meta, actor: rep, entity: ENTITY, query: { filter, sort: LIST_SORT, limit: 20 } });
    expect(query.sql).toMatch(/_shares/);
    const scans = planNodes(plan).filter((n) => n['Relation Name'] === ENTITY).map((n) => n['Node Type']);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans).not.toContain('Seq Scan');
    // Deals without an amount (NULL, first in a descending sort) and a sort of two keys page the same way through both halves.
    await withTenant(db.knex, tenant, (trx) => trx.raw(`update ${ENTITY} set amount = null where amount < 3000`));
    const topOrNone = { or: [{ '>=': [{ var: 'amount' }, 97_000] }, { '==': [{ var: 'amount' }, null] }] };
    for (const sort of [LIST_SORT, 'stage,-amount']) {
      const listed = async (as: Actor, limit: number) => {
        const rows: RecordData[] = [];
        let cursor: string | undefined;
        do {
          const page = await withTenant(db.knex, tenant, (trx) => listRecords(ENTITY, { filter: topOrNone, sort, limit, cursor }, { db: trx, meta, actor: as }));
          rows.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return rows;
      };
      const every = await listed(admin, 500);
      const expectedIds = every.filter((r) => r.owner_id === rep.id || shared.has(String(r.id)) || byRule(r)).map((r) => r.id);
      expect(every.some((r) => r.amount === null && r.owner_id !== rep.id && shared.has(String(r.id)))).toBe(true);
      expect((await listed(rep, 1)).map((r) => r.id)).toEqual(expectedIds);
      expect((await listed(rep, 500)).map((r) => r.id)).toEqual(expectedIds);
    }
  });
});
