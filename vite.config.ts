import { defineConfig } from 'vitest/config';

// One config for the studio build (added with the studio) and for vitest.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'metadata/**/*.test.ts', 'plugins/**/*.test.ts', 'bench/**/*.test.ts', 'studio/src/**/*.test.ts'],
    exclude: ['node_modules/**', 'studio/e2e/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default', 'json'],
    outputFile: { json: process.env.VITEST_JSON_REPORT ?? '.vitest-report.json' },
  },
});
