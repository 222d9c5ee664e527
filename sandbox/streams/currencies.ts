import { CURRENCY_IDS, currencyBody } from '../data/generate-currencies.js';
import { defineCollection } from './spec.js';

/** `GET /v2/currencies` (currencies.v2.yml): `page` and `limit` only, id order; 204 past the end. */
export const currencies = defineCollection({
  stream: 'currencies',
  resource: 'information',
  defaultSize: CURRENCY_IDS.length,
  firstId: 1,
  ids: CURRENCY_IDS,
  hasDateModified: false,
  isLive: false,
  body: currencyBody,
  list: { envelope: 'v2', idFilters: [] },
  hasSingle: true,
});
