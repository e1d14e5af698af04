import type { PluginRouteDef } from '../../../core/index.js';
import { dispatchBoard, myDay, ZONE_ACCESS } from './board.js';

/** Field service's routes under /api/x/fieldservice (the dispatch itself is the record action `work_order.dispatch`). */
export const routes: PluginRouteDef[] = [
  { method: 'GET', path: '/board', systemAccess: ZONE_ACCESS, handler: (req, ctx) => dispatchBoard(req.query, ctx) },
  { method: 'GET', path: '/my-day', systemAccess: ZONE_ACCESS, handler: (req, ctx) => myDay(req.query, ctx) },
];
