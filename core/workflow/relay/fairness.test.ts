import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import type { EntityDocument } from '../../metadata/types.js';
import { settle } from '../test-support/step-harness.js';
import { until } from '../test-support/until.js';
import { workflowTenants } from '../test-support/workflow-tenant.js';
import { startRuns } from '../runs/start-runs.js';
import { startWorkflowWorker, type WorkflowWorker } from '../worker.js';

const note: EntityDocument = { kind: 'entity', name: 'note', titleField: 'text', fields: { text: { type: 'text' } } };
const flow = { name: 'noop', entity: 'note', trigger: { on: 'manual' }, steps: [] };

describe("one tenant's flood does not starve the others", () => {
  let db: Db;
  let worker: WorkflowWorker | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.close();
  });

  it("runs a quiet tenant's event within one relay round of a flood", async () => {
    const tenants = workflowTenants(db);
    const flood = await tenants.add([note], [flow]);
    const quiet = await tenants.add([note], [flow]);
    const runs = Array.from({ length: 300 }, () => ({ workflow: 'noop', trigger: 'manual' as const, input: {}, depth: 0 }));
    await flood.sql((trx) => startRuns(trx, flood.tenant.id, runs));
    const [mine] = await quiet.sql((trx) => startRuns(trx, quiet.tenant.id, runs.slice(0, 1)));
    worker = await startWorkflowWorker(db, { tenants: tenants.env, concurrency: 1, queue: { schedule: false }, relay: { batch: 10, maxBacklog: 20, idleMs: 50 }, pollSeconds: 0.5 });
    const done = await settle(quiet, mine, 'completed', 60_000);
    await until(async () => ((await flood.runs()).every((r) => r.status === 'completed') ? true : undefined), 60_000);
    const ahead = (await flood.runs()).filter((r) => r.finished_at! < done.finished_at!).length;
    expect(ahead).toBeLessThanOrEqual(20);
  });
});
