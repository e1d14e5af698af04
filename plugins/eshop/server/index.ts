import { definePlugin } from '../../../core/index.js';
import { seedDemoStore, seedStoreSettings } from '../seed/seed-store.js';
import { cartRoute, deleteItemRoute, newCartRoute, putItemRoute } from './cart.js';
import { catalogueRoute, categoriesRoute, productImageRoute, productRoute } from './catalogue.js';
import { checkoutRoute, orderRoute } from './checkout.js';
import { ESHOP_ERRORS } from './errors.js';
import { applyEvent, checkEvent } from './payments/apply-event.js';
import { refundAction } from './payments/refund.js';
import { testPayChoice, testPayPage } from './payments/test-pay-page.js';
import { webhookRoute } from './payments/webhook.js';
import { shipWithinReservations } from './shipment.js';
import { afterOrderState, beforeSweep, releaseAbandoned, reserveStock } from './reservations.js';

/** 电子商店: the public catalogue and carts, checkout into store orders with reserved stock, payments with signed webhooks and refunds. */
export default definePlugin({
  setup(api) {
    api.errors(ESHOP_ERRORS);
    for (const route of [catalogueRoute, categoriesRoute, productRoute, productImageRoute, newCartRoute, cartRoute, putItemRoute, deleteItemRoute, checkoutRoute, orderRoute, webhookRoute, testPayPage, testPayChoice]) api.route(route);

    api.before('stock_reservation.create', reserveStock);
    api.before('sales_order.update', shipWithinReservations);
    api.after('sales_order.update', afterOrderState);
    api.before('store_checkout.create', async (_event, ctx) => void (await releaseAbandoned(ctx)));
    api.before('store_sweep.create', beforeSweep);
    api.before('payment_event.create', checkEvent);
    api.after('payment_event.create', applyEvent);
    api.action('payment.refund', refundAction);

    api.seed({ name: 'store-settings', run: seedStoreSettings });
    api.seed({ name: 'demo-store', demo: true, run: seedDemoStore });
  },
});
