import type { PluginRouteDef } from '../../../core/index.js';
import { answer, hangUp, myAgent, screenPop, setState, signIn } from './agent-console.js';
import { parseOffer, receiveCall } from './offer-call.js';
import { dialEntry, nextEntry, offerCallback, recordOutcome } from './outbound.js';
import { wallboard } from './wallboard.js';
import { ZONE_ACCESS } from './call-activity.js';
import { clickToDial } from './click-to-dial.js';
import { parseCtiEvent, receiveCtiEvent } from './cti-events.js';
import { parseTick, placed, tick } from './cti-tick.js';
import { parseIvrCall, recordIvrCall } from './ivr-calls.js';
import { ivrDryRun, ivrLookup } from './ivr-routes.js';
import { listMenus, tenantMenu } from './ivr-menus.js';
import { readCallCenterSettings } from './settings.js';
import { parseSimulation, requestSimulation } from './simulate-traffic.js';

/** The right to hand calls to the call center (the CTI gateway, the simulator's traffic). */
export const OFFER_RIGHT = 'phone_call.offer';

const body = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});

/** The call center's routes under /api/x/callcenter. */
export const routes: PluginRouteDef[] = [
  {
    method: 'POST',
    path: '/calls',
    rights: [OFFER_RIGHT],
    handler: (req, ctx) => receiveCall(parseOffer(req.body), ctx),
  },
  { method: 'GET', path: '/calls/:id/pop', handler: (req, ctx) => screenPop(req.params.id, ctx) },
  { method: 'POST', path: '/calls/:id/answer', handler: (req, ctx) => answer(req.params.id, ctx) },
  { method: 'POST', path: '/calls/:id/hangup', systemAccess: ZONE_ACCESS, handler: (req, ctx) => hangUp(req.params.id, body(req.body), ctx) },
  { method: 'GET', path: '/agents/me', handler: async (_req, ctx) => ({ agent: await myAgent(ctx) }) },
  { method: 'POST', path: '/agents/me/sign-in', handler: (req, ctx) => signIn(body(req.body), ctx) },
  { method: 'POST', path: '/agents/me/state', handler: (req, ctx) => setState(body(req.body), ctx) },
  { method: 'POST', path: '/calls/:id/callback', handler: (req, ctx) => offerCallback(req.params.id, body(req.body), ctx) },
  { method: 'POST', path: '/calls/:id/outcome', handler: (req, ctx) => recordOutcome(req.params.id, body(req.body), ctx) },
  { method: 'POST', path: '/call-lists/:id/next', handler: (req, ctx) => nextEntry(req.params.id, ctx) },
  { method: 'POST', path: '/entries/:id/dial', handler: (req, ctx) => dialEntry(req.params.id, ctx) },
  { method: 'GET', path: '/wallboard', handler: (_req, ctx) => wallboard(ctx.records, Date.now()) },
  { method: 'POST', path: '/simulate', handler: (req, ctx) => requestSimulation(parseSimulation(req.body), ctx) },
  { method: 'POST', path: '/dial', handler: (req, ctx) => clickToDial(body(req.body), ctx) },
  // The telephony gateway (cti/gateway.ts): its settings, the PBX's events, its heartbeat, the IVR it runs.
  { method: 'GET', path: '/cti/config', rights: [OFFER_RIGHT], handler: (_req, ctx) => readCallCenterSettings(ctx.records) },
  { method: 'POST', path: '/cti/events', rights: [OFFER_RIGHT], handler: (req, ctx) => receiveCtiEvent(parseCtiEvent(req.body), ctx) },
  { method: 'POST', path: '/cti/tick', rights: [OFFER_RIGHT], handler: (req, ctx) => tick(parseTick(req.body), ctx) },
  { method: 'POST', path: '/cti/calls/:id/placed', rights: [OFFER_RIGHT], handler: (req, ctx) => placed(req.params.id, req.body, ctx) },
  { method: 'GET', path: '/ivr/menus/:name', rights: [OFFER_RIGHT], handler: (req, ctx) => tenantMenu(req.params.name, ctx.records) },
  { method: 'GET', path: '/ivr/menus', handler: (_req, ctx) => listMenus(ctx.records) },
  { method: 'POST', path: '/ivr/lookup', rights: [OFFER_RIGHT], handler: (req, ctx) => ivrLookup(body(req.body), ctx) },
  { method: 'POST', path: '/ivr/menus/:name/dry-run', handler: (req, ctx) => ivrDryRun(req.params.name, body(req.body), ctx) },
  { method: 'POST', path: '/ivr/calls', rights: [OFFER_RIGHT], handler: async (req, ctx) => ({ call: await recordIvrCall(parseIvrCall(req.body), ctx) }) },
];
