import { definePlugin } from '../../../core/index.js';
import { seedDemoProducts } from '../seed/seed-demo.js';
import { expiresWithin } from './expires-within.js';
import { productStock } from './product-stock.js';
import { applyStockMove, refuseDirectStock, refuseMoveChange, refuseMoveDelete } from './stock-moves.js';

/** 产品与库存: stock kept consistent by stock moves, a stock route, an expiry operator and the demo catalogue. */
export default definePlugin({
  setup(api) {
    api.before('stock_move.create', applyStockMove);
    api.before('stock_move.update', refuseMoveChange);
    api.before('stock_move.delete', refuseMoveDelete);
    for (const action of ['create', 'update', 'delete'] as const) api.before(`stock.${action}`, refuseDirectStock);
    api.route(productStock);
    api.operator(expiresWithin);
    api.seed({ name: 'demo-products', demo: true, run: seedDemoProducts });
  },
});
