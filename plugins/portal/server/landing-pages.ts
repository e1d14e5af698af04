import { readdirSync, readFileSync } from 'node:fs';
import type { EffectiveMeta, Label } from '../../../core/index.js';

export interface LandingFieldDef {
  field: string;
  label?: Label;
  required?: boolean;
  multiline?: boolean;
}

/**
 * A campaign landing page: a JSON document in the plugin's `landing-pages/` folder, drawn by
 * the landing app at /p/<tenant>/<name>. Its form creates a lead (with `defaults`, and
 * `landing_page` set to the page's name); the same e-mail within `dedupeMinutes` makes no
 * second lead. `campaign` (a campaign's id or name) attributes the leads when the tenant
 * has a `campaign` entity and the lead a `source_campaign` field.
 */
export interface LandingPageDoc {
  name: string;
  campaign?: string;
  title: Label;
  image?: string;
  blocks: { heading?: Label; text: Label }[];
  form: { title: Label; fields: LandingFieldDef[]; submitLabel: Label; successMessage: Label; honeypot: string };
  defaults?: Record<string, unknown>;
  dedupeMinutes?: number;
}

export const DEFAULT_DEDUPE_MINUTES = 24 * 60;
const NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const isLabel = (v: unknown): v is Label => typeof v === 'object' && v !== null && typeof (v as Label).en === 'string' && typeof (v as Label)['zh-CN'] === 'string';

/** Every problem of a landing page document against the lead entity it writes (empty: fine). */
export const landingPageProblems = (doc: LandingPageDoc, meta?: Pick<EffectiveMeta, 'entities'>): string[] => {
  const out: string[] = [];
  if (!NAME.test(doc.name ?? '')) out.push('name: lower-case letters, digits, _ or -');
  if (!isLabel(doc.title)) out.push('title: a label in en and zh-CN');
  if (!Array.isArray(doc.blocks) || doc.blocks.some((b) => !isLabel(b.text) || (b.heading !== undefined && !isLabel(b.heading)))) out.push('blocks: each a text (and heading) in en and zh-CN');
  const f = doc.form;
  if (!f || !isLabel(f.title) || !isLabel(f.submitLabel) || !isLabel(f.successMessage) || !f.honeypot) out.push('form: title, submitLabel, successMessage and honeypot');
  if (!Array.isArray(f?.fields) || !f.fields.some((x) => x.field === 'email' && x.required)) out.push('form.fields: a required email field (submissions are told apart by it)');
  const lead = meta?.entities.lead;
  for (const x of f?.fields ?? []) if (lead && !lead.fields[x.field]) out.push(`form.fields: lead has no field "${x.field}"`);
  if (doc.dedupeMinutes !== undefined && !(Number.isInteger(doc.dedupeMinutes) && doc.dedupeMinutes >= 0)) out.push('dedupeMinutes: a whole number of minutes');
  return out;
};

/** The plugin's landing pages, by name (read once when the server code loads). */
export const loadLandingPages = (dir: URL): Map<string, LandingPageDoc> => {
  const pages = new Map<string, LandingPageDoc>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as LandingPageDoc;
    pages.set(doc.name, doc);
  }
  return pages;
};

/** What the landing app draws: the page and its form's fields with their types and labels (the field's own when the page gives none). */
export const describeLandingPage = (doc: LandingPageDoc, meta: Pick<EffectiveMeta, 'entities'>) => {
  const lead = meta.entities.lead;
  return {
    name: doc.name,
    title: doc.title,
    image: doc.image ?? null,
    blocks: doc.blocks,
    campaign: doc.campaign ?? null,
    form: {
      title: doc.form.title,
      submitLabel: doc.form.submitLabel,
      honeypot: doc.form.honeypot,
      fields: doc.form.fields
        .filter((x) => lead?.fields[x.field])
        .map((x) => {
          const def = lead!.fields[x.field];
          return { name: x.field, type: def.type, label: x.label ?? def.label, required: x.required === true, multiline: x.multiline === true || def.type === 'long_text' };
        }),
    },
  };
};
