import { storeBody } from '../data/generate-store.js';
import { defineSingleton } from './spec.js';

/** `GET /v2/store` (store_information.v2.yml): one bare object, no parameters besides `Accept`. */
export const store = defineSingleton({
  stream: 'store',
  resource: 'information',
  hasDateModified: false,
  envelope: 'v2',
  body: storeBody,
});
