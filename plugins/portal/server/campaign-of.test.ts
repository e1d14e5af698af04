import { describe, expect, it } from 'vitest';
import type { PluginRouteContext } from '../../../core/index.js';
import type { LandingPageDoc } from './landing-pages.js';
import { campaignOf } from './landing-routes.js';

const ID = '01a24d69-fc7f-72d9-a5d9-9f48894d4c8e';
const doc = (campaign?: string) => ({ name: 'p', campaign }) as LandingPageDoc;
/** A route context with the given entities' fields, whose system query finds `found` by name. */
const ctxWith = (entities: Record<string, string[]>, found?: Record<string, string>) => {
  const asked: unknown[] = [];
  const query = { where: (w: unknown) => (asked.push(w), query), whereNull: () => query, first: async () => found };
  const ctx = {
    meta: { entities: Object.fromEntries(Object.entries(entities).map(([e, fields]) => [e, { fields: Object.fromEntries(fields.map((f) => [f, { type: 'text' }])) }])) },
    system: async (fn: (db: unknown) => Promise<unknown>) => fn(() => query),
  } as unknown as PluginRouteContext;
  return { ctx, asked };
};

/** Attribution of a landing page's leads to its campaign, only when marketing's campaign entity and the lead's field exist. */
describe('portal: a landing page and its campaign', () => {
  it('names no campaign without a campaign entity or the lead field, or when the page has none', async () => {
    expect(await campaignOf(doc('spring'), ctxWith({ lead: ['email'] }).ctx)).toBeUndefined();
    expect(await campaignOf(doc('spring'), ctxWith({ lead: ['email'], campaign: ['name'] }).ctx)).toBeUndefined();
    expect(await campaignOf(doc(undefined), ctxWith({ lead: ['source_campaign'], campaign: ['name'] }).ctx)).toBeUndefined();
  });

  it('takes an id as it is and finds a name among the campaigns', async () => {
    expect(await campaignOf(doc(ID), ctxWith({ lead: ['source_campaign'], campaign: ['name'] }).ctx)).toBe(ID);
    const { ctx, asked } = ctxWith({ lead: ['source_campaign'], campaign: ['name'] }, { id: ID });
    expect(await campaignOf(doc('spring'), ctx)).toBe(ID);
    expect(asked).toEqual([{ name: 'spring' }]);
    expect(await campaignOf(doc('unknown'), ctxWith({ lead: ['source_campaign'], campaign: ['name'] }).ctx)).toBeUndefined();
  });
});
