import { wishlistsOfCustomer } from '../data/generate-wishlists.js';
import { intEquals } from './filters.js';
import { defineDerived } from './spec.js';

/**
 * `GET /v3/wishlists` (wishlists.v3.yml): every customer's wishlists with their items; `customer_id` is the only
 * filter; no sort (id ascending); a 422 for any other parameter.
 */
export const wishlists = defineDerived({
  stream: 'wishlists',
  resource: 'customers',
  parent: 'customers',
  hasDateModified: false,
  children: (customer) => wishlistsOfCustomer(customer.ctx, customer.meta).map((body) => ({ id: body.id as number, body })),
  list: {
    envelope: 'v3',
    idFilters: [],
    strict: { ignored: [] },
    filters: { customer_id: intEquals((r) => Number(r.body().customer_id)) },
  },
  hasSingle: true,
});
