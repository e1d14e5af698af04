import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { mainEntryPrecache } from './studio/build/main-entry-precache.js';

const repo = fileURLToPath(new URL('.', import.meta.url));
const studio = fileURLToPath(new URL('./studio/', import.meta.url));

const precache = mainEntryPrecache();

/**
 * The staff app's service worker (sw.js, scope /): the app shell and the code of the routes
 * a phone needs, precached; other hashed assets cached as they load. It waits when a new
 * version comes (the app announces it) and takes over at the next start. Registered by
 * studio/src/offline only; the public apps never load it, and their pages are not its
 * navigation fallback. The web app manifest is studio/public/manifest.webmanifest.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  filename: 'sw.js',
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,woff,woff2,webmanifest}'],
    manifestTransforms: [async (entries) => precache.keep(entries)],
    maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/store(\/|$)/, /^\/portal(\/|$)/, /^\/p\//],
    cleanupOutdatedCaches: true,
    runtimeCaching: [{ urlPattern: ({ url }) => url.pathname.startsWith('/assets/'), handler: 'CacheFirst', options: { cacheName: 'crm-assets', expiration: { maxEntries: 400 } } }],
  },
});

/**
 * One config for the studio build and for vitest.
 * - `npx vite build` (from the repo root) builds studio/ into studio/dist, which the server serves.
 * - `npx vite` serves the studio with /api proxied to the API server on localhost:3000.
 * - `vitest` runs three projects into one report: the engine (node), the studio's
 *   component tests (happy-dom) and the browser tests in studio/e2e (one file at a time).
 */
export default defineConfig({
  root: studio,
  plugins: [vue(), precache.collect, pwa],
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // The staff app and the public apps (store, portal, landing pages): one build, separate
    // entries, so a shopper's phone never downloads the studio.
    rollupOptions: {
      input: {
        main: `${studio}index.html`,
        portal: `${studio}portal.html`,
        store: `${studio}store.html`,
        landing: `${studio}landing.html`,
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  test: {
    root: repo,
    // Ceilings for a hung test, not speed limits: CI runs the PGlite and PostgreSQL halves side
    // by side on two cores, where a hook seeding a demo tenant can take minutes.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // expect.poll waits for what a loaded machine shows late (a browser, a queued job); 1 s by default.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
    reporters: ['default', 'json'],
    outputFile: { json: process.env.VITEST_JSON_REPORT ?? '.vitest-report.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['core/**/*.test.ts', 'metadata/**/*.test.ts', 'plugins/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['node_modules/**', 'studio/**', 'data/**'],
          globalSetup: ['core/db/test-database-setup.ts'],
          fileParallelism: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'studio',
          include: ['studio/src/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['studio/e2e/**/*.test.ts'],
          globalSetup: ['core/db/test-database-setup.ts', 'studio/e2e/build-studio.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
