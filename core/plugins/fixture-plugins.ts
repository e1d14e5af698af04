import type { MetadataDocument, PluginManifest } from '../metadata/types.js';

/** Test fixtures: small plugins to install, upgrade and break. */
const label = (en: string) => ({ en, 'zh-CN': en });

const manifest = (name: string, version: string, requires?: Record<string, string>): PluginManifest => ({
  name,
  version,
  label: label(name),
  ...(requires ? { requires } : {}),
});

const widget = (fields: Record<string, object>): MetadataDocument => ({
  kind: 'entity',
  id: 'fx-widget',
  name: 'widget',
  label: label('Widget'),
  titleField: 'name',
  fields: {
    name: { id: 'fx-widget-name', type: 'text', label: label('Name'), required: true },
    size: { id: 'fx-widget-size', type: 'integer', label: label('Size') },
    ...fields,
  },
});

const widgetView = (colorField: string): MetadataDocument => ({
  kind: 'view',
  id: 'fx-widget-all',
  name: 'widget_all',
  label: label('Widgets'),
  entity: 'widget',
  columns: ['name', 'size', colorField],
});

/** base 1.0.0: one entity with a `color` field. */
export const baseV1 = {
  manifest: manifest('base', '1.0.0'),
  documents: [widget({ color: { id: 'fx-widget-color', type: 'text', label: label('Color') } }), widgetView('color')],
};

/** base 1.1.0: `color` renamed to `colour` (same stable id), `weight` added. */
export const baseV11 = {
  manifest: manifest('base', '1.1.0'),
  documents: [
    widget({ colour: { id: 'fx-widget-color', type: 'text', label: label('Colour') }, weight: { id: 'fx-widget-weight', type: 'decimal', label: label('Weight') } }),
    widgetView('colour'),
  ],
};

/** base 1.2.0: adds a field named like the one the test tenant added itself. */
export const baseV12 = {
  manifest: manifest('base', '1.2.0'),
  documents: [
    widget({
      colour: { id: 'fx-widget-color', type: 'text', label: label('Colour') },
      weight: { id: 'fx-widget-weight', type: 'decimal', label: label('Weight') },
      wechat: { id: 'fx-widget-wechat', type: 'text', label: label('WeChat') },
    }),
    widgetView('colour'),
  ],
};

/** addon 1.0.0 requires base ^1.0.0: an entity referencing widget. */
export const addonV1 = {
  manifest: manifest('addon', '1.0.0', { base: '^1.0.0' }),
  documents: [
    {
      kind: 'entity',
      id: 'fx-gadget',
      name: 'gadget',
      label: label('Gadget'),
      fields: {
        widget: { id: 'fx-gadget-widget', type: 'reference', entity: 'widget', label: label('Widget') },
        title: { id: 'fx-gadget-title', type: 'text', label: label('Title') },
      },
    } as MetadataDocument,
  ],
};

/** orphan requires a plugin that does not exist. */
export const orphan = { manifest: manifest('orphan', '1.0.0', { ghost: '^1.0.0' }), documents: [] as MetadataDocument[] };

/** base 1.3.0: as 1.1.0, plus a `note` field. */
export const baseV13 = {
  manifest: manifest('base', '1.3.0'),
  documents: [
    widget({
      colour: { id: 'fx-widget-color', type: 'text', label: label('Colour') },
      weight: { id: 'fx-widget-weight', type: 'decimal', label: label('Weight') },
      note: { id: 'fx-widget-note', type: 'long_text', label: label('Note') },
    }),
    widgetView('colour'),
  ],
};
