import { orderTransactions } from '../data/generate-transactions.js';
import { definePerParent } from './spec.js';

/**
 * `GET /v3/orders/{order_id}/transactions` (orders.v3.yml): `{data, meta}`, 204 for an order never paid. Granted
 * by the Order Transactions scope only (`store_v2_transactions_read_only`), not by the Orders one.
 */
export const transactions = definePerParent({
  stream: 'transactions',
  resource: 'transactions',
  parent: 'orders',
  hasDateModified: false,
  envelope: 'v3',
  isEmptyNoContent: true,
  children: (order) =>
    orderTransactions(order.ctx, order.meta, () => order.body().payment_method).map((transaction) => ({
      id: transaction.id as number,
      body: transaction,
    })),
});
