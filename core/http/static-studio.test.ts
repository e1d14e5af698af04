import Koa from 'koa';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageForPath, serveStudio } from './static-studio.js';

describe('serving the built app: one build, an entry page per public app', () => {
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-')) + '/';
    for (const page of ['index', 'store', 'portal', 'landing']) writeFileSync(join(dist, `${page}.html`), `<title>${page}</title>`);
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'store-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"CRM"}');
    const app = new Koa().use(serveStudio(dist));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  it('maps each public prefix to its own page and everything else to the staff app', () => {
    expect(pageForPath('/store/demo')).toBe('store.html');
    expect(pageForPath('/store/demo/products/42')).toBe('store.html');
    expect(pageForPath('/portal/demo/verify')).toBe('portal.html');
    expect(pageForPath('/p/demo/spring-fair')).toBe('landing.html');
    expect(pageForPath('/app/customer')).toBe('index.html');
    expect(pageForPath('/products')).toBe('index.html');
    expect(pageForPath('/portals')).toBe('index.html');
  });

  it('answers the public paths with their entry over HTTP, and hashed assets as files', async () => {
    const title = async (path: string) => (await (await fetch(url + path)).text()).match(/<title>(\w+)</)?.[1];
    expect(await title('/store/demo')).toBe('store');
    expect(await title('/portal/demo/accept')).toBe('portal');
    expect(await title('/p/demo/spring-fair')).toBe('landing');
    expect(await title('/app')).toBe('index');
    const asset = await fetch(`${url}/assets/store-abc.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(await manifest.json()).toEqual({ name: 'CRM' });
  });

  it('ships an installable app manifest whose icons exist (served at /manifest.webmanifest from the build)', () => {
    const publicDir = fileURLToPath(new URL('../../studio/public/', import.meta.url));
    const manifest = JSON.parse(readFileSync(join(publicDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'CRM', start_url: '/app', display: 'standalone' });
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) expect(existsSync(join(publicDir, icon.src))).toBe(true);
  });
});
