import type { Plugin } from 'vite';

/** Route pages a phone does not need offline: the studio, and the heavy desk pages (calendar, dashboards, pivot, pyramid, call console). */
const DESK_ONLY = /\/pages\/studio\/|\/calendar\/CalendarPage\.vue|\/pages\/(DashboardPage|PivotPage|PyramidPage|CallConsolePage)\.vue/;

/**
 * The files the staff app's service worker precaches: the chunks the main entry
 * (studio/index.html) loads, following its static and lazy imports but not into the
 * desk-only pages; never the public apps' entries (store, portal, landing pages).
 * `collect` is the Vite plugin that records them at bundle time; `keep` is the
 * workbox manifest transform that filters the precache list by them.
 */
export const mainEntryPrecache = (): { collect: Plugin; keep: (entries: { url: string; size: number; revision: string | null }[]) => { manifest: { url: string; size: number; revision: string | null }[] } } => {
  const files = new Set<string>();
  const collect: Plugin = {
    name: 'crm-main-entry-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const main = chunks.find((c) => c.isEntry && (c.facadeModuleId ?? '').replaceAll('\\', '/').endsWith('/studio/index.html'));
      const walk = (name: string) => {
        const chunk = byName.get(name);
        if (!chunk || files.has(name)) return;
        if (chunk !== main && chunk.facadeModuleId && DESK_ONLY.test(chunk.facadeModuleId.replaceAll('\\', '/'))) return;
        files.add(name);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) walk(next);
      };
      if (main) walk(main.fileName);
    },
  };
  const keep = (entries: { url: string; size: number; revision: string | null }[]) => ({
    manifest: entries.filter((e) => (e.url.startsWith('assets/') ? files.has(e.url) : !/^(portal|store|landing)\.html$/.test(e.url))),
  });
  return { collect, keep };
};
