import { prepareTestDatabaseTemplate } from './test-database.js';

/**
 * vitest globalSetup of the engine and e2e projects: one migrated database per run, which
 * openTestDatabase copies for each test file (see docs/architecture.md, "Test fixtures").
 */
export default prepareTestDatabaseTemplate;
