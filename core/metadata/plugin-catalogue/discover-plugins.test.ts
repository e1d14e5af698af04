import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokenPlugins, discoverPlugins, forgetDiscoveredPlugins } from './discover-plugins.js';
import { addonV1, baseV1 } from '../../plugins/fixture-plugins.js';
import { useFixturePluginsDir, writeFixturePlugin } from '../../plugins/fixture-dir.js';

let fixtures: ReturnType<typeof useFixturePluginsDir> | undefined;
afterEach(() => fixtures?.restore());

describe('discoverPlugins', () => {
  it('finds plugins/*/plugin.json with their documents, in name order', async () => {
    fixtures = useFixturePluginsDir();
    writeFixturePlugin(fixtures.root, addonV1.manifest, addonV1.documents);
    writeFixturePlugin(fixtures.root, baseV1.manifest, baseV1.documents);
    mkdirSync(join(fixtures.root, 'not_a_plugin'));
    const found = await discoverPlugins();
    expect(found.map((p) => [p.manifest.name, p.manifest.version, p.documents.map((d) => `${d.kind}/${d.name}`)])).toEqual([
      ['addon', '1.0.0', ['entity/gadget']],
      ['base', '1.0.0', ['entity/widget', 'view/widget_all']],
    ]);
    expect(found[1].files['entity/widget']).toBe(join(fixtures.root, 'base', 'entities', 'widget.json'));
    expect(await discoverPlugins()).toBe(found);
  });

  it('sets aside a folder with invalid manifests or documents, naming file and pointer, and keeps the others', async () => {
    fixtures = useFixturePluginsDir();
    writeFixturePlugin(fixtures.root, { ...baseV1.manifest, version: 'one' }, baseV1.documents);
    writeFixturePlugin(fixtures.root, addonV1.manifest, addonV1.documents);
    writeFileSync(join(fixtures.root, 'base', 'entities', 'widget.json'), JSON.stringify({ kind: 'entity', name: 'widget', fields: { size: { kind: 'number' } } }));
    forgetDiscoveredPlugins();
    expect((await discoverPlugins()).map((p) => p.manifest.name)).toEqual(['addon']);
    const broken = await brokenPlugins();
    expect(broken.map((b) => b.folder)).toEqual(['base']);
    const problems = broken[0].problems.map((p) => `${p.file.slice(fixtures!.root.length)} ${p.pointer}`);
    expect(problems).toEqual(expect.arrayContaining(['/base/plugin.json /version', '/base/entities/widget.json /fields/size/type']));
  });
});
